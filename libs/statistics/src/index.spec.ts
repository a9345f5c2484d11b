import { ces, nps, overlaps } from '@turbota/statistics';

describe('@turbota/statistics', () => {
  it('serves the metrics under the package name other libs import', () => {
    const result = nps({ promoters: 100, passives: 60, detractors: 40 });
    expect(result.value).toBe(30);
    expect(overlaps(result.ci95!, [40, 50])).toBe(true);
    expect(ces({ n: 4, sum: 20, sumOfSquares: 100 }).ci95).toEqual([5, 5]);
  });
});
