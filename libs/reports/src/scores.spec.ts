import { cesFromScores, csatFromScores, npsFromScores } from '@turbota/statistics';
import { cesFromHistogram, csatFromHistogram, histogramsByKey, npsFromHistogram, scoresOf } from './scores';

const histogramOf = (scores: number[]) => {
  const histogram = new Map<number, number>();
  for (const score of scores) histogram.set(score, (histogram.get(score) ?? 0) + 1);
  return histogram;
};

describe('scores from histograms', () => {
  it('gives exactly what the raw answers give: NPS 30 for 100 promoters, 60 passives, 40 detractors', () => {
    const scores = [...Array<number>(50).fill(9), ...Array<number>(50).fill(10), ...Array<number>(60).fill(7), ...Array<number>(20).fill(0), ...Array<number>(20).fill(6)];
    const result = npsFromHistogram(histogramOf(scores));
    expect(result).toEqual(npsFromScores(scores));
    expect(result.value).toBe(30);
    expect(result.ci95![0]).toBeCloseTo(18.8, 1);
    expect(result.ci95![1]).toBeCloseTo(40.3, 1);
  });

  it('counts 4 and 5 as satisfied for CSAT and refuses a score off the scale', () => {
    const scores = [5, 4, 3, 2, 1, 5, 4, 4];
    expect(csatFromHistogram(histogramOf(scores))).toEqual(csatFromScores(scores));
    expect(() => csatFromHistogram(new Map([[6, 1]]))).toThrow(RangeError);
  });

  it('gives the CES mean, standard deviation and t interval of the answers behind the histogram', () => {
    const scores = [1, 2, 2, 3, 5, 7, 4, 2, 6, 6];
    const fromHistogram = cesFromHistogram(histogramOf(scores));
    const direct = cesFromScores(scores);
    expect(fromHistogram.value).toBeCloseTo(direct.value!, 12);
    expect(fromHistogram.sd).toBeCloseTo(direct.sd!, 12);
    expect(fromHistogram.ci95![0]).toBeCloseTo(direct.ci95![0], 12);
  });

  it('reports nothing (null value, n = 0) for a group without answers of a metric', () => {
    const scores = scoresOf(histogramsByKey([{ key: 'web', metric: 'nps', score: 9, count: 2 }]).get('web'));
    expect(scores.nps).toMatchObject({ n: 2, value: 100 });
    expect(scores.csat).toMatchObject({ n: 0, value: null, ci95: null });
    expect(scores.ces).toMatchObject({ n: 0, value: null, ci95: null });
  });

  it('sums cells of the same key and score read from several rollup rows', () => {
    const groups = histogramsByKey([
      { key: null, metric: 'nps', score: 10, count: 3 },
      { key: null, metric: 'nps', score: 10, count: 4 },
      { key: null, metric: 'ces', score: 2, count: 1 },
    ]);
    expect(groups.get(null)!.nps.get(10)).toBe(7);
    expect(groups.get(null)!.ces.get(2)).toBe(1);
  });
});
