import { scoreDistribution } from './score-distribution';

describe('scoreDistribution', () => {
  it('lists every score of the scale, zeros included, summing the rows of the metric asked', () => {
    const rows = [
      { key: null, metric: 'csat' as const, score: 5, count: 3 },
      { key: null, metric: 'csat' as const, score: 2, count: 1 },
      { key: 'x', metric: 'csat' as const, score: 5, count: 2 },
      { key: null, metric: 'nps' as const, score: 5, count: 40 },
    ];
    expect(scoreDistribution('csat', rows)).toEqual({
      metric: 'csat',
      n: 6,
      scores: [
        { score: 1, count: 0 },
        { score: 2, count: 1 },
        { score: 3, count: 0 },
        { score: 4, count: 0 },
        { score: 5, count: 5 },
      ],
    });
    expect(scoreDistribution('nps', []).scores.map((s) => s.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
