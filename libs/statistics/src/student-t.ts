import { regularizedIncompleteBeta } from './incomplete-beta';
import { logGamma } from './log-gamma';
import { normalQuantile } from './normal-quantile';

// From here on Fisher's expansion is as good as the normal quantile under it (about 1e-9; the
// next term is O(1/df^3)), while the exact CDF would need ever more terms and would lose digits
// in differences of ln Γ of huge arguments. It also covers df = Infinity.
const EXPANSION_MIN_DF = 1e5;
const MAX_NEWTON_STEPS = 100;
const RELATIVE_TOLERANCE = 1e-13;

/** P(T ≤ t) for Student's t distribution with `df` degrees of freedom (df > 0, fractional allowed). */
export function studentTCdf(t: number, df: number): number {
  assertDegreesOfFreedom(df);
  if (Number.isNaN(t)) throw new RangeError('t must be a number, got NaN');
  const tail = upperTail(Math.abs(t), df);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The t with P(T ≤ t) = p for `df` degrees of freedom: the critical value of a t interval
 * (p = 0.975 for a two-sided 95% interval). Solved on the exact CDF, so any df > 0 works.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  assertDegreesOfFreedom(df);
  if (p === 0.5) return 0;
  // Symmetric around 0: solve for the upper tail, whose small probabilities keep full precision.
  return p > 0.5 ? upperQuantile(1 - p, df) : -upperQuantile(p, df);
}

/** The t > 0 with P(T > t) = q, for 0 < q < 0.5. */
function upperQuantile(q: number, df: number): number {
  // Closed forms: Cauchy for df = 1, and the algebraic inverse for df = 2.
  if (df === 1) return Math.tan(Math.PI * (0.5 - q));
  if (df === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  const guess = cornishFisher(-normalQuantile(q), df);
  if (df >= EXPANSION_MIN_DF) return guess;
  return solveUpperTail(q, df, guess);
}

/** The normal quantile corrected for finite df (Fisher's expansion, first two terms). */
function cornishFisher(z: number, df: number): number {
  const z3 = z ** 3;
  const z5 = z ** 5;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
}

/** Newton's method on the exact tail, falling back to bisection whenever a step leaves the bracket. */
function solveUpperTail(q: number, df: number, guess: number): number {
  let low = 0;
  let high = Math.max(guess, 1);
  while (upperTail(high, df) > q) [low, high] = [high, high * 2];
  let t = Math.min(Math.max(guess, low), high);
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    const excess = upperTail(t, df) - q;
    if (excess === 0) return t;
    if (excess > 0) low = t;
    else high = t;
    let next = t + excess / density(t, df);
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - t) <= RELATIVE_TOLERANCE * next) return next;
    t = next;
  }
  return t;
}

/** P(T > t) for t ≥ 0, via the incomplete beta so that small tails keep their precision. */
function upperTail(t: number, df: number): number {
  return 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

function density(t: number, df: number): number {
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

function assertDegreesOfFreedom(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
}
