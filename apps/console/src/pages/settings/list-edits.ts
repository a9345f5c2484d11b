/** Edits of an ordered list that leave the list itself as it was (React state). */

/** An item moved one place up (-1) or down (+1); a move past an end changes nothing. */
export function moved<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= items.length) return [...items];
  const next = [...items];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** A list with one item replaced. */
export const replaced = <T>(items: readonly T[], index: number, item: T): T[] => items.map((other, i) => (i === index ? item : other));

/** A list without one item. */
export const without = <T>(items: readonly T[], index: number): T[] => items.filter((_, i) => i !== index);
