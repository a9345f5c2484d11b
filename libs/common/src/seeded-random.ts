/** A uniform random source in [0, 1). */
export type RandomSource = () => number;

/** The random source services draw from (sampling); tests give a seeded one. */
export const RANDOM = Symbol('RANDOM');

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
