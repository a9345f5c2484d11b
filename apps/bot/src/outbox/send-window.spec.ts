import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst up to the rate, then refills at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(30, () => now);
    expect(bucket.available()).toBe(30);
    bucket.take(30);
    expect(bucket.available()).toBe(0);
    now += 100;
    expect(bucket.available()).toBe(3);
    now += 10_000;
    expect(bucket.available()).toBe(30);
  });

  it('never sends more than the rate over any second', () => {
    let now = 0;
    const bucket = new TokenBucket(30, () => now);
    let sent = 0;
    for (; now <= 10_000; now += 7) {
      const n = bucket.available();
      bucket.take(n);
      sent += n;
    }
    expect(sent).toBeLessThanOrEqual(30 + 30 * 10);
    expect(sent).toBeGreaterThan(30 * 10 * 0.95);
  });
});
