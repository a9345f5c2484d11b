import { randomInt, seededRandom, drawScores } from '../test/seeded-random';
import { csat, csatCounts, csatFromScores } from './csat';

describe('csatCounts', () => {
  it('counts 4 and 5 as satisfied', () => {
    expect(csatCounts([5, 4, 3, 2, 1, 4])).toEqual({ satisfied: 3, n: 6 });
  });

  it('rejects answers off the 1-5 scale', () => {
    expect(() => csatCounts([0])).toThrow(RangeError);
    expect(() => csatCounts([6])).toThrow(RangeError);
    expect(() => csatCounts([4.5])).toThrow(RangeError);
  });
});

describe('csat', () => {
  it('matches the hand-computed Wilson interval for 81 satisfied of 100', () => {
    // See wilson.spec.ts: 0.722210 to 0.874853, in percent 72.2 to 87.5.
    const result = csat({ satisfied: 81, n: 100 });
    expect(result.value).toBe(81);
    expect(result.ci95![0]).toBeCloseTo(72.221, 3);
    expect(result.ci95![1]).toBeCloseTo(87.4853, 3);
  });

  it('gives 100% a lower bound of n / (n + z²) and an upper bound of 100', () => {
    // 10 / (10 + 3.8416) = 0.722460.
    const result = csat({ satisfied: 10, n: 10 });
    expect(result.value).toBe(100);
    expect(result.ci95![0]).toBeCloseTo(72.246, 3);
    expect(result.ci95![1]).toBe(100);
  });

  it('has neither a value nor an interval when nobody answered', () => {
    expect(csat({ satisfied: 0, n: 0 })).toEqual({ satisfied: 0, n: 0, value: null, ci95: null });
  });

  it('reports a single answer with a wide interval', () => {
    const result = csat({ satisfied: 1, n: 1 });
    expect(result.value).toBe(100);
    expect(result.ci95![0]).toBeLessThan(25);
  });

  it('rejects more satisfied answers than answers', () => {
    expect(() => csat({ satisfied: 11, n: 10 })).toThrow(RangeError);
  });

  it('contains the observed CSAT for random samples', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 300; trial++) {
      const weights = new Map([1, 2, 3, 4, 5].map((score) => [score, random()]));
      const result = csatFromScores(drawScores(random, randomInt(random, 1, 300), weights));
      expect(result.ci95![0]).toBeLessThanOrEqual(result.value!);
      expect(result.ci95![1]).toBeGreaterThanOrEqual(result.value!);
      expect(result.ci95![0]).toBeGreaterThanOrEqual(0);
      expect(result.ci95![1]).toBeLessThanOrEqual(100);
    }
  });
});

describe('csatFromScores', () => {
  it('gives the same result as the counts it rolls up', () => {
    const scores = [5, 5, 4, 3, 1, 2, 4, 5];
    expect(csatFromScores(scores)).toEqual(csat({ satisfied: 5, n: 8 }));
    expect(csatFromScores(scores).value).toBe(62.5);
  });
});
