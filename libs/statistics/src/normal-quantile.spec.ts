import { normalQuantile } from './normal-quantile';

describe('normalQuantile', () => {
  it('matches known quantiles in the centre and in both tails', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 8);
    // Φ(1) = 0.841345 and Φ(−2) = 0.022750 (the latter in the lower-tail branch).
    expect(normalQuantile(0.8413447460685429)).toBeCloseTo(1, 8);
    expect(normalQuantile(0.02275013194817921)).toBeCloseTo(-2, 8);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424308822899, 7);
  });

  it('is symmetric around 0.5', () => {
    for (const p of [0.001, 0.02, 0.3, 0.45]) expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 9);
  });

  it('rejects p outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
