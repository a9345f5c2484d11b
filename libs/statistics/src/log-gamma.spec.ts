import { seededRandom } from '../test/seeded-random';
import { logGamma } from './log-gamma';

describe('logGamma', () => {
  it('matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    // Γ(1/2) = √π.
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    // Γ(10) = 9! = 362880.
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
  });

  it('stays finite where Γ itself overflows: ln(170!) = 706.573062', () => {
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 9);
    expect(logGamma(1e6)).toBeCloseTo(12815504.569147611, 4);
  });

  it('satisfies Γ(x + 1) = x·Γ(x) for random x', () => {
    const random = seededRandom(13);
    for (let trial = 0; trial < 200; trial++) {
      const x = 0.01 + 100 * random();
      expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 10);
    }
  });

  it('rejects x ≤ 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1.5)).toThrow(RangeError);
  });
});
