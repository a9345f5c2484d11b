import { csatCounts } from '@turbota/statistics';
import { cesCategory, csatCategory, sentimentOf } from './categories';

describe('score categories', () => {
  it('takes a CSAT answer as positive exactly where CSAT counts it satisfied', () => {
    for (const score of [1, 2, 3, 4, 5]) expect(csatCategory(score) === 'positive').toBe(csatCounts([score]).satisfied === 1);
    expect([1, 2, 3, 4, 5].map(csatCategory)).toEqual(['negative', 'negative', 'neutral', 'positive', 'positive']);
  });

  it('splits CES at its neutral middle and NPS into detractors, passives and promoters', () => {
    expect([3, 4, 5].map(cesCategory)).toEqual(['negative', 'neutral', 'positive']);
    expect([6, 7, 9].map((score) => sentimentOf('nps', score))).toEqual(['negative', 'neutral', 'positive']);
  });
});
