/**
 * A platform's send limit as a sliding one-second window, counted as the platform counts it:
 * by when each send arrives. A send holds its place from its start until a second after the
 * platform answered it, so the send that next takes the place arrives a second after it
 * however long the first one was on its way (places freed a second after the start let a
 * burst that arrived late and the next one, on time, land in one second of the platform's
 * count). A token bucket that starts full would let a burst and the next second's refill land
 * in one second too: twice the limit, answered with 429s that pause the whole channel.
 */
export class SendWindow {
  // When each place is free again: never while its send is on its way.
  private readonly places = new Set<{ freeAt: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many sends may start now. */
  available(): number {
    this.forget();
    return Math.max(0, this.perSecond - this.places.size);
  }

  /** Takes a place for a send that starts now; what it answers is called once the platform answered. */
  take(): () => void {
    const place = { freeAt: Infinity };
    this.places.add(place);
    return () => {
      place.freeAt = Math.min(place.freeAt, this.now() + 1000);
    };
  }

  private forget(): void {
    const now = this.now();
    for (const place of this.places) if (place.freeAt <= now) this.places.delete(place);
  }
}
