import type { RandomSource } from '@turbota/common';

/**
 * The variant of a phrase to say next to a customer: drawn at random from all but the one they
 * heard last, so nobody hears the same line twice in a row and, over time, every variant is heard.
 * A phrase with a single variant can only repeat it.
 */
export function nextVariant(variants: readonly string[], lastHeard: string | undefined, random: RandomSource): string {
  if (variants.length === 0) throw new Error('A phrase needs at least one variant');
  const candidates = variants.length > 1 ? variants.filter((variant) => variant !== lastHeard) : variants;
  return candidates[Math.min(Math.floor(random() * candidates.length), candidates.length - 1)];
}
