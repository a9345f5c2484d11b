import { seededRandom } from '../test/seeded-random';
import { regularizedIncompleteBeta } from './incomplete-beta';

describe('regularizedIncompleteBeta', () => {
  it('matches the closed forms for small integer parameters', () => {
    for (const x of [0.01, 0.2, 0.5, 0.77, 0.99]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 13);
      expect(regularizedIncompleteBeta(x, 3, 1)).toBeCloseTo(x ** 3, 13);
      expect(regularizedIncompleteBeta(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 13);
      // I_x(2, 2) = 3x² − 2x³.
      expect(regularizedIncompleteBeta(x, 2, 2)).toBeCloseTo(3 * x ** 2 - 2 * x ** 3, 13);
    }
  });

  it('matches a binomial sum: I_0.3(2, 3) = P(at least 2 of 4 trials at 0.3) = 0.3483', () => {
    // 6 · 0.09 · 0.49 + 4 · 0.027 · 0.7 + 0.0081 = 0.2646 + 0.0756 + 0.0081.
    expect(regularizedIncompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 13);
  });

  it('is one half at x = 0.5 when a = b, even for large parameters', () => {
    for (const a of [0.5, 3, 40, 2500]) expect(regularizedIncompleteBeta(0.5, a, a)).toBeCloseTo(0.5, 11);
  });

  it('satisfies I_x(a, b) = 1 − I_(1−x)(b, a) for random arguments', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 200; trial++) {
      const [x, a, b] = [random(), 0.2 + 50 * random(), 0.2 + 50 * random()];
      expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(1 - regularizedIncompleteBeta(1 - x, b, a), 11);
    }
  });

  it('is 0 and 1 at the ends and rejects arguments outside its domain', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(() => regularizedIncompleteBeta(1.1, 2, 3)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 0, 3)).toThrow(RangeError);
  });
});
