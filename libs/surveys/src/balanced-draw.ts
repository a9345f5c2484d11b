export interface DrawOptions {
  /** Codes of the questions that may be drawn. */
  candidates: string[];
  maxQuestions: number;
  /** How often each candidate has been drawn so far (missing means never). */
  drawnCounts: ReadonlyMap<string, number>;
  random: () => number;
}

/**
 * Picks at most `maxQuestions` questions, the least drawn first and ties broken at random,
 * then shuffles them. Over many customers every question is asked nearly equally often,
 * so every factor gets answers, while no one customer is asked more than the limit.
 */
export function drawQuestions({ candidates, maxQuestions, drawnCounts, random }: DrawOptions): string[] {
  const keyed = [...new Set(candidates)].map((code) => ({ code, count: drawnCounts.get(code) ?? 0, tie: random() }));
  keyed.sort((a, b) => a.count - b.count || a.tie - b.tie);
  return shuffle(
    keyed.slice(0, Math.max(0, maxQuestions)).map((k) => k.code),
    random,
  );
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
