import { SendWindow } from './send-window';

describe('SendWindow', () => {
  it('allows a burst up to the rate, then again a second after the platform answered it', () => {
    let now = 0;
    const window = new SendWindow(30, () => now);
    expect(window.available()).toBe(30);
    const answered = Array.from({ length: 30 }, () => window.take());
    expect(window.available()).toBe(0);
    now = 1_500;
    expect(window.available()).toBe(0); // still on their way
    answered.slice(0, 10).forEach((answer) => answer());
    now = 2_499;
    expect(window.available()).toBe(0);
    now = 2_500;
    expect(window.available()).toBe(10);
  });

  it('never lets more than the rate arrive in any one-second window, however late sends arrive, and keeps close to the rate', () => {
    let now = 0;
    const window = new SendWindow(30, () => now);
    // Each send arrives 0-80 ms after it starts and is answered 20 ms after it arrives.
    const arrivals: number[] = [];
    const due: { at: number; answer: () => void }[] = [];
    let lag = 0;
    for (; now < 10_000; now += 7) {
      for (const d of due.filter((d) => d.at <= now)) d.answer();
      due.splice(0, due.length, ...due.filter((d) => d.at > now));
      const n = Math.min(window.available(), 4);
      for (let i = 0; i < n; i++) {
        lag = (lag + 37) % 81;
        arrivals.push(now + lag);
        due.push({ at: now + lag + 20, answer: window.take() });
      }
    }
    for (const a of arrivals) expect(arrivals.filter((b) => b >= a && b < a + 1000).length).toBeLessThanOrEqual(30);
    // A send keeps its place for its round trip too: at most 100 ms here, so at least 30 per 1.1 s.
    expect(arrivals.length).toBeGreaterThan((30 * 10_000) / 1_100);
  });
});
