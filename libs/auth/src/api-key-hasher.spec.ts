import { createHash, randomBytes } from 'node:crypto';
import { PiiCipher } from '@turbota/privacy';
import { ApiKeyHasher } from './api-key-hasher';

describe('ApiKeyHasher', () => {
  const oldPiiKey = randomBytes(32);
  const newPiiKey = randomBytes(32);
  const chosen = 'our-admin-key-2026-winter';

  it('stores a keyed hash, not the SHA-256 of the key, and a fingerprint with no character of it', () => {
    const hasher = new ApiKeyHasher(new PiiCipher([newPiiKey]));
    expect(hasher.hash(chosen).equals(createHash('sha256').update(chosen).digest())).toBe(false);
    expect(hasher.hash(chosen).equals(new ApiKeyHasher(new PiiCipher([oldPiiKey])).hash(chosen))).toBe(false);
    expect(hasher.fingerprint(chosen)).toMatch(/^fp:[0-9a-f]{8}$/);
    expect(hasher.fingerprint(chosen)).toBe(hasher.fingerprint(chosen));
    expect(hasher.fingerprint('another-admin-key-2026-winter')).not.toBe(hasher.fingerprint(chosen));
  });

  it('finds a key under the current secret, a previous PII key\'s, and the plain SHA-256 of before, in that order', () => {
    const before = new ApiKeyHasher(new PiiCipher([oldPiiKey]));
    const rotated = new ApiKeyHasher(new PiiCipher([newPiiKey, oldPiiKey]));
    expect(rotated.candidates(chosen)).toEqual([rotated.hash(chosen), before.hash(chosen), createHash('sha256').update(chosen).digest()]);
  });
});
