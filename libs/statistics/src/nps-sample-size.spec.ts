import { npsAnswersNeeded, npsMarginOf } from './nps-sample-size';

describe('answers needed for an NPS margin', () => {
  it('asks 1.96² / E² answers when nothing is known (half promoters, half detractors)', () => {
    // 1.96² / 0.05² = 1536.64; 1.96² / 0.1² = 384.16.
    expect(npsAnswersNeeded(5)).toBe(1537);
    expect(npsAnswersNeeded(10)).toBe(385);
  });

  it('asks fewer when the expected shares vary less', () => {
    // p = 0.6, d = 0.1: V = 0.7 - 0.5² = 0.45; 3.8416 · 0.45 / 0.0025 = 691.488.
    expect(npsAnswersNeeded(5, { shares: { promoters: 0.6, detractors: 0.1 } })).toBe(692);
    // Everyone a promoter: no variance, one answer settles it.
    expect(npsAnswersNeeded(5, { shares: { promoters: 1, detractors: 0 } })).toBe(0);
  });

  it('corrects for a small population and never asks more than there are', () => {
    // 1536.64 / (1 + 1535.64 / 1000) = 606.02.
    expect(npsAnswersNeeded(5, { population: 1000 })).toBe(607);
    expect(npsAnswersNeeded(1, { population: 40 })).toBe(40);
    expect(npsAnswersNeeded(5, { population: 0 })).toBe(0);
  });

  it('gives back the margin the answers buy, the inverse of the above', () => {
    // 196 / √1537 and 196 / √385.
    expect(npsMarginOf(1537)).toBeCloseTo(4.9994, 3);
    expect(npsMarginOf(385)).toBeCloseTo(9.9891, 3);
    expect(npsMarginOf(607, { population: 1000 })).toBeLessThanOrEqual(5);
    expect(npsMarginOf(1000, { population: 1000 })).toBe(0);
    expect(npsMarginOf(0)).toBeNull();
  });

  it('refuses what is not a margin, a population or shares', () => {
    expect(() => npsAnswersNeeded(0)).toThrow(RangeError);
    expect(() => npsAnswersNeeded(5, { population: 2.5 })).toThrow(RangeError);
    expect(() => npsAnswersNeeded(5, { shares: { promoters: 0.8, detractors: 0.4 } })).toThrow(RangeError);
  });
});
