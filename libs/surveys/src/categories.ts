import { CSAT_SATISFIED_FROM, npsCategory, type NpsCategory } from '@turbota/statistics';

/** How a score makes the rest of the dialogue go. */
export type Sentiment = 'negative' | 'neutral' | 'positive';

/** CES on 1-7 ("the company made it easy"): 1-3 disagree, 4 neutral, 5-7 agree. */
export function cesCategory(score: number): Sentiment {
  if (score <= 3) return 'negative';
  return score === 4 ? 'neutral' : 'positive';
}

/** CSAT on 1-5: 1-2 dissatisfied, 3 neutral, 4-5 satisfied (what CSAT counts). */
export function csatCategory(score: number): Sentiment {
  if (score >= CSAT_SATISFIED_FROM) return 'positive';
  return score <= 2 ? 'negative' : 'neutral';
}

const NPS_SENTIMENT: Record<NpsCategory, Sentiment> = { detractor: 'negative', passive: 'neutral', promoter: 'positive' };

/** The sentiment of an integral score, whichever metric it is. */
export function sentimentOf(metric: 'nps' | 'ces' | 'csat', score: number): Sentiment {
  if (metric === 'nps') return NPS_SENTIMENT[npsCategory(score)];
  return metric === 'ces' ? cesCategory(score) : csatCategory(score);
}
