import { ConcurrencySlots, TokenBuckets } from './rate-limit';

describe('TokenBuckets', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('allows a full minute of budget at once, then one more each refill interval, saying how long to wait', () => {
    const buckets = new TokenBuckets({ perMinute: 6, now: clock });
    const verdicts = Array.from({ length: 7 }, () => buckets.take('key'));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(6);
    expect(verdicts[6]).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now += 4_000;
    expect(buckets.take('key')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    now += 6_000;
    expect(buckets.take('key')).toEqual({ allowed: true });
    expect(buckets.take('key')).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('never refills past the budget, and keeps keys apart', () => {
    const buckets = new TokenBuckets({ perMinute: 2, now: clock });
    now += 3_600_000;
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')].map((v) => v.allowed)).toEqual([true, true, false]);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('forgets the least recently used keys past maxKeys, so a flood of addresses cannot grow memory', () => {
    const buckets = new TokenBuckets({ perMinute: 1, maxKeys: 2, now: clock });
    buckets.take('a');
    buckets.take('b');
    buckets.take('a'); // refused, and now the most recent
    buckets.take('c'); // pushes out b, the least recent
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });
});

describe('ConcurrencySlots', () => {
  it('holds at most max per key, frees a slot once when it is released, and keeps keys apart', () => {
    const slots = new ConcurrencySlots(2);
    const first = slots.take('a')!;
    expect(slots.take('a')).toBeDefined();
    expect(slots.take('a')).toBeUndefined();
    expect(slots.take('b')).toBeDefined();
    first();
    first(); // a second release of the same slot frees nothing more
    expect(slots.take('a')).toBeDefined();
    expect(slots.take('a')).toBeUndefined();
  });

  it('has no limit at 0', () => {
    const slots = new ConcurrencySlots(0);
    expect(Array.from({ length: 100 }, () => slots.take('a')).every(Boolean)).toBe(true);
  });
});
