import { seededRandom, randomInt } from '../test/seeded-random';
import { wilsonInterval } from './wilson';

describe('wilsonInterval', () => {
  it('matches the hand-computed interval for 81 of 100', () => {
    // p = 0.81, z²/n = 3.8416/100 = 0.038416, denominator 1.038416
    // centre = (0.81 + 0.019208) / 1.038416 = 0.798532
    // half = 1.96 / 1.038416 · √(0.81·0.19/100 + 3.8416/40000) = 1.887490 · √0.00163504 = 0.076322
    // interval = 0.722210 to 0.874853, i.e. 72.2% to 87.5%
    const [low, high] = wilsonInterval(81, 100)!;
    expect(low).toBeCloseTo(0.72221, 5);
    expect(high).toBeCloseTo(0.874853, 5);
  });

  it('keeps a real width at 0% and 100%, where the Wald interval would collapse', () => {
    // At 100% the lower bound is n / (n + z²) = 20 / 23.8416 = 0.838870.
    const [low, high] = wilsonInterval(20, 20)!;
    expect(low).toBeCloseTo(20 / (20 + 1.96 ** 2), 12);
    expect(high).toBe(1);
    const [zeroLow, zeroHigh] = wilsonInterval(0, 20)!;
    expect(zeroLow).toBe(0);
    expect(zeroHigh).toBeCloseTo(1 - 20 / (20 + 1.96 ** 2), 12);
  });

  it('is symmetric: k of n mirrors n − k of n', () => {
    const [low, high] = wilsonInterval(7, 30)!;
    const [mirrorLow, mirrorHigh] = wilsonInterval(23, 30)!;
    expect(low).toBeCloseTo(1 - mirrorHigh, 12);
    expect(high).toBeCloseTo(1 - mirrorLow, 12);
  });

  it('widens with a larger z', () => {
    const [low95, high95] = wilsonInterval(40, 100)!;
    const [low99, high99] = wilsonInterval(40, 100, 2.576)!;
    expect(low99).toBeLessThan(low95);
    expect(high99).toBeGreaterThan(high95);
  });

  it('has no interval for an empty sample', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('contains the observed share and stays inside [0, 1] for every k of n up to 150', () => {
    const misses: string[] = [];
    for (let n = 1; n <= 150; n++) {
      for (let k = 0; k <= n; k++) {
        const [low, high] = wilsonInterval(k, n)!;
        if (!(0 <= low && low <= k / n && k / n <= high && high <= 1)) misses.push(`${k} of ${n}: [${low}, ${high}]`);
      }
    }
    expect(misses).toEqual([]);
  });

  it('covers the true share in about 95% of simulated samples', () => {
    const random = seededRandom(2024);
    const truth = 0.8;
    let covered = 0;
    const trials = 2000;
    for (let trial = 0; trial < trials; trial++) {
      const n = randomInt(random, 50, 300);
      let successes = 0;
      for (let i = 0; i < n; i++) if (random() < truth) successes++;
      const [low, high] = wilsonInterval(successes, n)!;
      if (low <= truth && truth <= high) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.93);
    expect(covered / trials).toBeLessThan(0.97);
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, 0)).toThrow(RangeError);
  });
});
