import { seededRandom } from '@turbota/common';
import { drawQuestions } from './balanced-draw';

describe('drawQuestions', () => {
  const candidates = Array.from({ length: 12 }, (_, i) => `q${i + 1}`);

  it('keeps the draw balanced: over 10,000 surveys every question is asked almost equally often', () => {
    const random = seededRandom(42);
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const drawn = drawQuestions({ candidates, maxQuestions: 3, drawnCounts: counts, random });
      expect(new Set(drawn).size).toBe(3);
      for (const code of drawn) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const values = [...counts.values()];
    expect(values).toHaveLength(12);
    expect(values.reduce((a, b) => a + b, 0)).toBe(30_000);
    // 30,000 asks over 12 questions: 2,500 each, off by at most one at any moment.
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
  });

  it('stays balanced when some draws go unrecorded (several processes reading stale counts)', () => {
    const random = seededRandom(7);
    const counts = new Map<string, number>();
    let snapshot = new Map(counts);
    for (let i = 0; i < 10_000; i++) {
      if (i % 20 === 0) snapshot = new Map(counts);
      for (const code of drawQuestions({ candidates, maxQuestions: 3, drawnCounts: snapshot, random })) {
        counts.set(code, (counts.get(code) ?? 0) + 1);
      }
    }
    const values = [...counts.values()];
    expect(Math.max(...values) / Math.min(...values)).toBeLessThan(1.05);
  });

  it('varies which questions a customer gets and in what order', () => {
    const random = seededRandom(3);
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) seen.add(drawQuestions({ candidates, maxQuestions: 3, drawnCounts: new Map(), random }).join(','));
    expect(seen.size).toBeGreaterThan(40);
  });

  it('never asks more than the limit, nor more than the pool holds', () => {
    const random = seededRandom(1);
    expect(drawQuestions({ candidates, maxQuestions: 0, drawnCounts: new Map(), random })).toEqual([]);
    expect(drawQuestions({ candidates: ['a', 'b'], maxQuestions: 5, drawnCounts: new Map(), random }).sort()).toEqual(['a', 'b']);
  });

  it('asks the least asked questions first', () => {
    const counts = new Map([['a', 10], ['b', 2], ['c', 10], ['d', 1]]);
    const drawn = drawQuestions({ candidates: ['a', 'b', 'c', 'd'], maxQuestions: 2, drawnCounts: counts, random: seededRandom(9) });
    expect(drawn.sort()).toEqual(['b', 'd']);
  });
});
