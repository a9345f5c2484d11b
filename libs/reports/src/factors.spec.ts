import { factorImportance } from '@turbota/statistics';
import { factorsReport } from './factors';

describe('factorsReport', () => {
  const cells = [
    // empathy moves NPS strongly and is rated low; reliability is rated high and barely moves it.
    { factor: 'empathy', score: 1, integral: 2, count: 2 },
    { factor: 'empathy', score: 2, integral: 5, count: 1 },
    { factor: 'empathy', score: 3, integral: 9, count: 1 },
    { factor: 'reliability', score: 5, integral: 9, count: 1 },
    { factor: 'reliability', score: 5, integral: 2, count: 1 },
    { factor: 'reliability', score: 4, integral: 5, count: 1 },
    { factor: 'tangibles', score: 3, integral: null, count: 1 },
  ];
  const noReasons = { total: 0, reasons: [] };

  it('maps the mean Likert answer onto a 0-100 satisfaction index and ranks where to act first', () => {
    const { factors } = factorsReport(cells, noReasons);
    expect(factors.map((f) => f.code)).toEqual(['empathy', 'reliability', 'tangibles']);
    // empathy: 1, 1, 2, 3 → mean 1.75 → (1.75 − 1) / 4 = 18.75.
    expect(factors[0]).toMatchObject({ code: 'empathy', n: 4, pairs: 4, satisfaction: 18.75, rank: 1 });
    const onePairEach = [1, 1, 2, 3].map((score, i) => ({ factor: score, integral: [2, 2, 5, 9][i] }));
    expect(factors[0].importance).toBeCloseTo(factorImportance(onePairEach) as number, 12);
    expect(factors[2]).toMatchObject({ code: 'tangibles', n: 1, pairs: 0, satisfaction: 50, importance: null, priority: null, rank: 3 });
  });

  it('gives the share of respondents naming each reason, with the factor it is tagged with', () => {
    const { reasons } = factorsReport([], {
      total: 4,
      reasons: [
        { reason: 'rude', factor: 'empathy', naming: 2 },
        { reason: 'waiting', factor: 'responsiveness', naming: 3 },
      ],
    });
    expect(reasons.map((r) => [r.reason, r.factor, r.naming, r.total, r.value])).toEqual([
      ['waiting', 'responsiveness', 3, 4, 75],
      ['rude', 'empathy', 2, 4, 50],
    ]);
  });
});
