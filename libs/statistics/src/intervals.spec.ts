import { clampInterval, overlaps } from './intervals';

describe('overlaps', () => {
  it('sees overlapping intervals, in either order', () => {
    expect(overlaps([18.8, 40.3], [35, 55])).toBe(true);
    expect(overlaps([35, 55], [18.8, 40.3])).toBe(true);
  });

  it('sees one interval inside another', () => {
    expect(overlaps([0, 100], [40, 41])).toBe(true);
    expect(overlaps([40, 41], [0, 100])).toBe(true);
  });

  it('tells disjoint intervals apart: only then may one score be said to beat the other', () => {
    expect(overlaps([10, 20], [20.1, 30])).toBe(false);
    expect(overlaps([20.1, 30], [10, 20])).toBe(false);
  });

  it('counts touching ends as overlapping, so no winner is declared on the boundary', () => {
    expect(overlaps([10, 20], [20, 30])).toBe(true);
  });
});

describe('clampInterval', () => {
  it('cuts the ends that leave the range and leaves the rest', () => {
    expect(clampInterval([-120, 50], -100, 100)).toEqual([-100, 50]);
    expect(clampInterval([-20, 130], -100, 100)).toEqual([-20, 100]);
    expect(clampInterval([-20, 30], -100, 100)).toEqual([-20, 30]);
  });

  it('keeps low ≤ high even when the whole interval lies outside the range', () => {
    expect(clampInterval([110, 120], -100, 100)).toEqual([100, 100]);
  });
});
