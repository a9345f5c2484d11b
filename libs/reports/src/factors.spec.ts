import { factorImportance } from '@turbota/statistics';
import { factorsReport } from './factors';

describe('factorsReport', () => {
  const answers = [
    // empathy moves NPS strongly and is rated low; reliability is rated high and barely moves it.
    { factor: 'empathy', score: 1, integral: 2 },
    { factor: 'empathy', score: 2, integral: 5 },
    { factor: 'empathy', score: 3, integral: 9 },
    { factor: 'reliability', score: 5, integral: 9 },
    { factor: 'reliability', score: 5, integral: 2 },
    { factor: 'reliability', score: 4, integral: 5 },
    { factor: 'tangibles', score: 3, integral: null },
  ];

  it('maps the mean Likert answer onto a 0-100 satisfaction index and ranks where to act first', () => {
    const { factors } = factorsReport(answers, []);
    expect(factors.map((f) => f.code)).toEqual(['empathy', 'reliability', 'tangibles']);
    expect(factors[0]).toMatchObject({ code: 'empathy', n: 3, pairs: 3, satisfaction: 25, rank: 1 });
    expect(factors[0].importance).toBeCloseTo(factorImportance(answers.slice(0, 3).map((a) => ({ factor: a.score, integral: a.integral as number }))) as number, 12);
    expect(factors[2]).toMatchObject({ code: 'tangibles', satisfaction: 50, importance: null, priority: null, rank: 3 });
  });

  it('gives the share of respondents naming each reason, with the factor it is tagged with', () => {
    const { reasons } = factorsReport([], [
      { respondent: 'a', reason: 'waiting', factor: 'responsiveness' },
      { respondent: 'b', reason: 'waiting', factor: 'responsiveness' },
      { respondent: 'b', reason: 'rude', factor: 'empathy' },
      { respondent: 'c', reason: 'rude', factor: 'empathy' },
      { respondent: 'd', reason: 'waiting', factor: 'responsiveness' },
    ]);
    expect(reasons.map((r) => [r.reason, r.factor, r.naming, r.total, r.value])).toEqual([
      ['waiting', 'responsiveness', 3, 4, 75],
      ['rude', 'empathy', 2, 4, 50],
    ]);
  });
});
