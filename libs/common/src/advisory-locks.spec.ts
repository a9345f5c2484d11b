import { ADVISORY_LOCK_CLASSES, ADVISORY_LOCKS } from './advisory-locks';

describe('advisory locks', () => {
  it('gives every whole-resource lock and every class of per-item locks a key of its own', () => {
    const keys = Object.values(ADVISORY_LOCKS);
    const classes = Object.values(ADVISORY_LOCK_CLASSES);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(classes).size).toBe(classes.length);
    // The two-int form takes int4 classes.
    for (const c of classes) expect(c).toBeLessThanOrEqual(2 ** 31 - 1);
  });
});
