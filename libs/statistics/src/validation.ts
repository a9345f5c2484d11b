// Guards shared by the metrics. A wrong input is a caller's bug, so it throws instead of
// producing a plausible-looking score.

/** Throws unless `value` is a count: a non-negative safe integer. */
export function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/** Throws unless `part` is a count no larger than `whole`. */
export function assertPartOf(part: { name: string; value: number }, whole: { name: string; value: number }): void {
  assertCount(part.name, part.value);
  assertCount(whole.name, whole.value);
  if (part.value > whole.value) {
    throw new RangeError(`${part.name} (${part.value}) cannot exceed ${whole.name} (${whole.value})`);
  }
}

/** An answer scale: integer scores from `min` to `max`. */
export interface Scale {
  name: string;
  min: number;
  max: number;
}

/** Throws unless `score` is an integer on the scale. */
export function assertScore(score: number, scale: Scale): void {
  if (!Number.isInteger(score) || score < scale.min || score > scale.max) {
    throw new RangeError(`${scale.name} scores are integers from ${scale.min} to ${scale.max}, got ${score}`);
  }
}

/** Throws unless every value is a finite number (NaN would silently corrupt a sort or a sum). */
export function assertFinite(name: string, values: readonly number[]): void {
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite numbers, got ${value}`);
  }
}
