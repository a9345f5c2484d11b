import { meanEstimate, MeanEstimate, MomentSums, momentSums } from './mean-interval';
import { assertScore, Scale } from './validation';

const CES_SCALE: Scale = { name: 'CES', min: 1, max: 7 };

/** Rolls 1-7 CES answers up into the sums `ces` takes. */
export function cesSums(scores: readonly number[]): MomentSums {
  for (const score of scores) assertScore(score, CES_SCALE);
  return momentSums(scores);
}

/** CES = the mean answer on the 1-7 scale, with its 95% t interval (null below two answers). */
export function ces(sums: MomentSums): MeanEstimate {
  const estimate = meanEstimate(sums);
  // Aggregates cannot be checked answer by answer, but their mean must lie on the scale.
  if (estimate.value !== null && (estimate.value < CES_SCALE.min || estimate.value > CES_SCALE.max)) {
    throw new RangeError(`a CES mean lies between 1 and 7, these sums give ${estimate.value}`);
  }
  return estimate;
}

/** CES straight from the 1-7 answers; a thin wrapper over `ces(cesSums(scores))`. */
export function cesFromScores(scores: readonly number[]): MeanEstimate {
  return ces(cesSums(scores));
}
