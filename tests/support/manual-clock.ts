import type { Clock } from '@turbota/common';

/**
 * A clock a test sets and moves (days ahead, to a deadline), which otherwise runs at real
 * speed, so the short waits the system keeps on its own (one message a second into a chat)
 * still pass while the test stands on a chosen moment.
 */
export class ManualClock implements Clock {
  private offsetMs = 0;

  constructor(start: Date | string) {
    this.set(start);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(at: Date | string): void {
    this.offsetMs = new Date(at).getTime() - Date.now();
  }

  advance(minutes: number): void {
    this.offsetMs += minutes * 60_000;
  }
}
