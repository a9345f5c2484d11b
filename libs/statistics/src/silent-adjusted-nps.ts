import { nps, NpsCounts, NpsResult, npsSampleSize } from './nps';
import { assertPartOf } from './validation';

/** An NPS over everyone invited: `detractors` includes the `silent`, and `n` is the number invited. */
export type SilentAdjustedNpsResult = NpsResult & { silent: number };

/**
 * NPS that counts the customers who were asked and stayed silent as detractors (n = invited).
 * The raw NPS hides the silent, who are rarely the happy ones; shown beside it, this is the
 * pessimistic bound on how good the service really is.
 */
export function silentAdjustedNps(answered: NpsCounts, invited: number): SilentAdjustedNpsResult {
  const answeredCount = npsSampleSize(answered);
  assertPartOf({ name: 'answered', value: answeredCount }, { name: 'invited', value: invited });
  const silent = invited - answeredCount;
  return { ...nps({ ...answered, detractors: answered.detractors + silent }), silent };
}
