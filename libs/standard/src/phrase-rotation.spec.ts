import { seededRandom } from '@turbota/common';
import { nextVariant } from './phrase-rotation';

describe('nextVariant', () => {
  const variants = ['We are sorry.', 'Sorry we let you down.', 'That should not have happened.', 'We apologise.'];

  it('never says the variant heard last, over a long run of one customer', () => {
    const random = seededRandom(42);
    let last: string | undefined;
    for (let i = 0; i < 500; i++) {
      const said = nextVariant(variants, last, random);
      expect(said).not.toBe(last);
      last = said;
    }
  });

  it('says every variant over time, each about equally often', () => {
    const random = seededRandom(7);
    const counts = new Map<string, number>();
    let last: string | undefined;
    for (let i = 0; i < 4000; i++) {
      last = nextVariant(variants, last, random);
      counts.set(last, (counts.get(last) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([...variants].sort());
    for (const count of counts.values()) expect(count).toBeGreaterThan(800);
  });

  it('alternates between two variants', () => {
    const random = seededRandom(3);
    const said = [nextVariant(['A', 'B'], 'A', random), nextVariant(['A', 'B'], 'B', random)];
    expect(said).toEqual(['B', 'A']);
  });

  it('is reproducible with the same seed, and ignores a last variant that is no longer in the list', () => {
    const run = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 10 }, () => nextVariant(variants, 'A phrase an admin since removed', random));
    };
    expect(run(11)).toEqual(run(11));
    expect(new Set(run(11)).size).toBeGreaterThan(1);
  });

  it('repeats the only variant there is, and refuses a phrase without any', () => {
    expect(nextVariant(['Hello!'], 'Hello!', Math.random)).toBe('Hello!');
    expect(() => nextVariant([], undefined, Math.random)).toThrow('at least one variant');
  });
});
