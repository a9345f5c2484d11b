import { seededRandom } from '../test/seeded-random';
import { studentTCdf, studentTQuantile } from './student-t';

describe('studentTQuantile', () => {
  // t(0.975, df): the printed table to three decimals, and the exact value (R's qt) it rounds.
  const table: [df: number, printed: string, exact: number][] = [
    [1, '12.706', 12.7062047361747],
    [2, '4.303', 4.30265272974946],
    [3, '3.182', 3.18244630528371],
    [4, '2.776', 2.77644510519779],
    [5, '2.571', 2.57058183563631],
    [10, '2.228', 2.22813885198627],
    [30, '2.042', 2.04227245630124],
    [120, '1.980', 1.97993040508242],
    [1e6, '1.960', 1.959966357],
  ];

  it.each(table)('matches the t table at df = %d (%s)', (df, printed, exact) => {
    const t = studentTQuantile(0.975, df);
    expect(t.toFixed(3)).toBe(printed);
    expect(Math.abs(t - exact)).toBeLessThan(1e-7);
  });

  it('tends to the normal 1.959964 as df grows without bound', () => {
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(1.959964, 6);
  });

  it('agrees with the closed form for df = 4, across the range of p', () => {
    // For 4 degrees of freedom: α = 4p(1 − p), q = cos(arccos(√α) / 3) / √α, t = ±2√(q − 1).
    const closedForm = (p: number): number => {
      const alpha = 4 * p * (1 - p);
      const q = Math.cos(Math.acos(Math.sqrt(alpha)) / 3) / Math.sqrt(alpha);
      return Math.sign(p - 0.5) * 2 * Math.sqrt(q - 1);
    };
    for (const p of [0.0001, 0.01, 0.1, 0.3, 0.6, 0.9, 0.975, 0.995, 0.9999]) {
      expect(studentTQuantile(p, 4)).toBeCloseTo(closedForm(p), 9);
    }
  });

  it('is symmetric around 0', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 12);
  });

  it('inverts the CDF for random p and (fractional) df', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 300; trial++) {
      const p = 0.0005 + 0.999 * random();
      const df = 1 + 500 * random() ** 3;
      expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
    }
  });

  it('joins the large-df expansion without a visible step', () => {
    // Below 1e5 df the quantile is solved on the exact CDF, from 1e5 on it is Fisher's expansion.
    expect(Math.abs(studentTQuantile(0.975, 99_999) - studentTQuantile(0.975, 100_000))).toBeLessThan(1e-8);
  });

  it('rejects p outside (0, 1) and non-positive df', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.975, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(Number.NaN, 5)).toThrow(RangeError);
  });
});

describe('studentTCdf', () => {
  it('matches the closed forms for df = 1 (Cauchy) and df = 2', () => {
    for (const t of [-30, -2.5, -0.3, 0, 0.7, 1, 4.303, 50]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12);
    }
  });

  it('gives the familiar tail: P(T > 2.228) = 0.025 at 10 df', () => {
    expect(1 - studentTCdf(2.2281388519862766, 10)).toBeCloseTo(0.025, 12);
  });

  it('reaches 0 and 1 at the infinities', () => {
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 3)).toBe(0);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 3)).toBe(1);
  });
});
