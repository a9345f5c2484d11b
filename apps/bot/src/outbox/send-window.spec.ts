import { SendWindow } from './send-window';

describe('SendWindow', () => {
  it('allows a burst up to the rate, then again once a second has passed since', () => {
    let now = 0;
    const window = new SendWindow(30, () => now);
    expect(window.available()).toBe(30);
    window.take(30);
    expect(window.available()).toBe(0);
    now += 999;
    expect(window.available()).toBe(0);
    now += 1;
    expect(window.available()).toBe(30);
  });

  it('never starts more than the rate in any one-second window, and keeps close to the rate', () => {
    let now = 0;
    const window = new SendWindow(30, () => now);
    const starts: number[] = [];
    for (; now < 10_000; now += 7) {
      const n = Math.min(window.available(), 4);
      window.take(n);
      for (let i = 0; i < n; i++) starts.push(now);
    }
    for (const start of starts) expect(starts.filter((s) => s >= start && s < start + 1000).length).toBeLessThanOrEqual(30);
    expect(starts.length).toBeGreaterThan(30 * 10 * 0.95);
  });
});
