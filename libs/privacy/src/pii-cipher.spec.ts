import { randomBytes } from 'node:crypto';
import { maskEmail, maskPhone } from './masking';
import { PiiCipher, PiiDecryptionError } from './pii-cipher';

describe('PiiCipher', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('seals so that the plaintext is not in the stored bytes, and opens it again', () => {
    const cipher = new PiiCipher([newKey]);
    const sealed = cipher.seal('+380671234567');
    expect(sealed.toString('latin1')).not.toContain('380671234567');
    expect(cipher.open(sealed)).toBe('+380671234567');
    expect(cipher.seal('+380671234567').equals(sealed)).toBe(false);
  });

  it('opens values sealed with an older key after rotation, and seals new ones with the new key', () => {
    const sealedBefore = new PiiCipher([oldKey]).seal('olena@example.com');
    const rotated = new PiiCipher([newKey, oldKey]);
    expect(rotated.open(sealedBefore)).toBe('olena@example.com');
    expect(() => new PiiCipher([oldKey]).open(rotated.seal('x'))).toThrow(PiiDecryptionError);
  });

  it('refuses an altered value', () => {
    const cipher = new PiiCipher([newKey]);
    const sealed = cipher.seal('+380671234567');
    sealed[sealed.length - 1] ^= 1;
    expect(() => cipher.open(sealed)).toThrow('the value was altered');
  });

  it('gives equal blind indexes for equal values and different ones per key', () => {
    const a = new PiiCipher([newKey]);
    expect(a.blindIndex('+380671234567').equals(a.blindIndex('+380671234567'))).toBe(true);
    expect(a.blindIndex('+380671234567').equals(new PiiCipher([oldKey]).blindIndex('+380671234567'))).toBe(false);
  });
});

describe('PiiCipher during a key rotation', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('matches blind indexes written under either key, the current one first', () => {
    const before = new PiiCipher([oldKey]);
    const rotating = new PiiCipher([newKey, oldKey]);
    const indexes = rotating.blindIndexes('+380671234567');
    expect(indexes).toHaveLength(2);
    expect(indexes[0].equals(rotating.blindIndex('+380671234567'))).toBe(true);
    expect(indexes[1].equals(before.blindIndex('+380671234567'))).toBe(true);
    expect(rotating.rotating).toBe(true);
    expect(new PiiCipher([newKey]).rotating).toBe(false);
  });

  it('tells a value sealed under the current key from one sealed under an older key', () => {
    const rotating = new PiiCipher([newKey, oldKey]);
    expect(rotating.isCurrent(rotating.seal('olena@example.com'))).toBe(true);
    expect(rotating.isCurrent(new PiiCipher([oldKey]).seal('olena@example.com'))).toBe(false);
    expect(rotating.seal('x').subarray(1, 5).equals(rotating.currentKeyId)).toBe(true);
  });

  it('names the unknown key id (never the key) when a value was sealed with a key it lacks', () => {
    const stranger = new PiiCipher([oldKey]);
    const id = stranger.currentKeyId.toString('hex');
    const failure = (() => {
      try {
        new PiiCipher([newKey]).open(stranger.seal('+380671234567'));
      } catch (error) {
        return error as PiiDecryptionError;
      }
    })();
    expect(failure).toBeInstanceOf(PiiDecryptionError);
    expect(failure!.failure).toBe('unknown-key');
    expect(failure!.message).toContain(id);
    expect(failure!.message).not.toContain(oldKey.toString('hex'));
    expect(new PiiCipher([newKey, oldKey]).keyIds).toEqual([new PiiCipher([newKey]).currentKeyId.toString('hex'), id]);
  });

  it('derives secrets per purpose and per key, the current key first', () => {
    const rotating = new PiiCipher([newKey, oldKey]);
    const [current, previous] = rotating.derivedSecrets('api key hash');
    expect(current).toHaveLength(32);
    expect(previous.equals(new PiiCipher([oldKey]).derivedSecrets('api key hash')[0])).toBe(true);
    expect(current.equals(rotating.derivedSecrets('api key fingerprint')[0])).toBe(false);
    expect(current.equals(newKey)).toBe(false);
  });
});

describe('masking', () => {
  it('keeps only what helps a person recognise the contact', () => {
    expect(maskPhone('+380671234567')).toBe('+380 ••• ••• 67');
    expect(maskEmail('olena.k@example.com')).toBe('o•••@example.com');
  });
});
