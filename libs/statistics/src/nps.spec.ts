import { drawScores, randomInt, seededRandom } from '../test/seeded-random';
import { nps, npsCategory, npsCounts, npsFromScores, npsInterval } from './nps';

describe('npsCategory', () => {
  it('splits 0-10 into detractors 0-6, passives 7-8, promoters 9-10', () => {
    const categories = Array.from({ length: 11 }, (_, score) => npsCategory(score));
    expect(categories).toEqual([...Array<string>(7).fill('detractor'), 'passive', 'passive', 'promoter', 'promoter']);
  });

  it('rejects answers off the scale', () => {
    expect(() => npsCategory(11)).toThrow(RangeError);
    expect(() => npsCategory(-1)).toThrow(RangeError);
    expect(() => npsCategory(8.5)).toThrow(RangeError);
    expect(() => npsCategory(Number.NaN)).toThrow(RangeError);
  });
});

describe('npsCounts', () => {
  it('counts the answers by category', () => {
    expect(npsCounts([10, 9, 8, 7, 6, 0, 3, 9])).toEqual({ promoters: 3, passives: 2, detractors: 3 });
    expect(npsCounts([])).toEqual({ promoters: 0, passives: 0, detractors: 0 });
  });
});

describe('nps', () => {
  it('matches the hand-checked example: 200 answers, 100 promoters, 40 detractors', () => {
    // NPS = 100 · (100 − 40) / 200 = 30.
    // Adjusted Wald: n' = 203, p' = 100.75/203 = 0.496305, d' = 40.75/203 = 0.200739,
    // centre = 0.295567, SE = √((0.697044 − 0.087360) / 203) = √0.00300337 = 0.054803,
    // 1.96 · SE = 0.107414, interval = 100 · (0.295567 ± 0.107414) = 18.815 to 40.298.
    const result = nps({ promoters: 100, passives: 60, detractors: 40 });
    expect(result.n).toBe(200);
    expect(result.value).toBe(30);
    const [low, high] = result.ci95!;
    expect(low).toBeCloseTo(18.8, 1);
    expect(high).toBeCloseTo(40.3, 1);
    expect((low + high) / 2).toBeCloseTo(29.6, 1);
    expect(low).toBeCloseTo(18.815, 3);
    expect(high).toBeCloseTo(40.298, 3);
  });

  it('has neither a value nor an interval when nobody answered', () => {
    expect(nps({ promoters: 0, passives: 0, detractors: 0 })).toEqual({
      promoters: 0,
      passives: 0,
      detractors: 0,
      n: 0,
      value: null,
      ci95: null,
    });
  });

  it('shrinks a single answer towards 0: one customer proves little', () => {
    // n' = 4, p' = 1.75/4 = 0.4375, d' = 0.75/4 = 0.1875, centre = 0.25,
    // SE = √((0.625 − 0.0625) / 4) = 0.375, 1.96 · 0.375 = 0.735: −48.5 to 98.5.
    const result = nps({ promoters: 1, passives: 0, detractors: 0 });
    expect(result.value).toBe(100);
    expect(result.ci95![0]).toBeCloseTo(-48.5, 10);
    expect(result.ci95![1]).toBeCloseTo(98.5, 10);
  });

  it('keeps the interval inside [-100, 100] when everyone is a promoter or a detractor', () => {
    const promoters = nps({ promoters: 50, passives: 0, detractors: 0 });
    expect(promoters.value).toBe(100);
    expect(promoters.ci95![1]).toBe(100);
    expect(promoters.ci95![0]).toBeGreaterThan(80);
    expect(promoters.ci95![0]).toBeLessThan(100);
    const detractors = nps({ promoters: 0, passives: 0, detractors: 50 });
    expect(detractors.value).toBe(-100);
    expect(detractors.ci95![0]).toBe(-100);
    expect(detractors.ci95![1]).toBeGreaterThan(-100);
  });

  it('narrows as the sample grows with the same shares', () => {
    const small = nps({ promoters: 10, passives: 6, detractors: 4 }).ci95!;
    const large = nps({ promoters: 1000, passives: 600, detractors: 400 }).ci95!;
    expect(large[1] - large[0]).toBeLessThan((small[1] - small[0]) / 5);
  });

  it('contains the observed NPS for every split of 2 to 60 answers', () => {
    const misses: string[] = [];
    for (let n = 2; n <= 60; n++) {
      for (let promoters = 0; promoters <= n; promoters++) {
        for (let detractors = 0; detractors <= n - promoters; detractors++) {
          const { value, ci95 } = nps({ promoters, passives: n - promoters - detractors, detractors });
          if (!(ci95![0] <= value! && value! <= ci95![1])) misses.push(`n=${n} P=${promoters} D=${detractors}`);
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it('contains the observed NPS, inside [-100, 100], for random samples', () => {
    const random = seededRandom(17);
    for (let trial = 0; trial < 500; trial++) {
      const weights = new Map(Array.from({ length: 11 }, (_, score) => [score, random()]));
      const result = npsFromScores(drawScores(random, randomInt(random, 2, 400), weights));
      const [low, high] = result.ci95!;
      expect(low).toBeGreaterThanOrEqual(-100);
      expect(high).toBeLessThanOrEqual(100);
      expect(low).toBeLessThanOrEqual(result.value!);
      expect(high).toBeGreaterThanOrEqual(result.value!);
    }
  });

  it('covers the true NPS in about 95% of simulated samples', () => {
    // True shares: 50% promoters, 30% passives, 20% detractors, so the true NPS is 30.
    const random = seededRandom(99);
    const weights = new Map([[10, 0.5], [8, 0.3], [3, 0.2]]);
    const trials = 2000;
    let covered = 0;
    for (let trial = 0; trial < trials; trial++) {
      const [low, high] = npsFromScores(drawScores(random, 150, weights)).ci95!;
      if (low <= 30 && 30 <= high) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.93);
    expect(covered / trials).toBeLessThan(0.97);
  });

  it('rejects counts that are not counts', () => {
    expect(() => nps({ promoters: -1, passives: 5, detractors: 0 })).toThrow(RangeError);
    expect(() => nps({ promoters: 1.5, passives: 5, detractors: 0 })).toThrow(RangeError);
  });
});

describe('npsFromScores', () => {
  it('gives the same result as the counts it rolls up', () => {
    const scores = [10, 10, 9, 8, 7, 7, 6, 5, 0, 10, 9];
    expect(npsFromScores(scores)).toEqual(nps(npsCounts(scores)));
    // 5 promoters, 3 passives, 3 detractors: 100 · (5 − 3) / 11.
    expect(npsFromScores(scores).value).toBeCloseTo(18.1818, 4);
  });
});

describe('npsInterval', () => {
  it('is the interval nps reports, and widens with a larger z', () => {
    const counts = { promoters: 100, passives: 60, detractors: 40 };
    expect(npsInterval(counts)).toEqual(nps(counts).ci95);
    const [low99, high99] = npsInterval(counts, 2.576)!;
    expect(low99).toBeLessThan(18.8);
    expect(high99).toBeGreaterThan(40.3);
  });

  it('is null for an empty sample', () => {
    expect(npsInterval({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });
});
