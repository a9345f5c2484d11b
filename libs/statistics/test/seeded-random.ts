export { seededRandom } from '@turbota/common';

/** A uniform integer in [min, max], both included. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** `n` draws from a discrete distribution over `values` with the given weights. */
export function drawScores(random: () => number, n: number, weights: ReadonlyMap<number, number>): number[] {
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  return Array.from({ length: n }, () => {
    let u = random() * total;
    for (const [value, weight] of weights) {
      u -= weight;
      if (u < 0) return value;
    }
    return [...weights.keys()].at(-1)!;
  });
}
