/** A uniform random source in [0, 1). */
export type RandomSource = () => number;

/** The random source sampling draws from (whom to invite); tests give a seeded one. */
export const RANDOM = Symbol('RANDOM');

/**
 * The random source of what a customer is shown among equals: the questions drawn for a
 * survey, the phrase and reminder variants. Apart from `RANDOM`, so that how many texts a
 * dialogue draws never shifts a seeded sampling test's draws.
 */
export const DIALOGUE_RANDOM = Symbol('DIALOGUE_RANDOM');

/** The random source of the queues' retry jitter: apart from the others for the same reason. */
export const RETRY_RANDOM = Symbol('RETRY_RANDOM');

/** A seeded uniform random source in [0, 1) (mulberry32), for reproducible draws in tests. */
export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
