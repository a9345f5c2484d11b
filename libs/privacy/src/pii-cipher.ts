import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 4;

/** Why a sealed value could not be opened. */
export type PiiDecryptionFailure = 'unknown-format' | 'unknown-key' | 'altered';

/**
 * Thrown when a value was sealed with a key this process does not have, or was altered.
 * Either way it is permanent for this value: trying again cannot open it.
 */
export class PiiDecryptionError extends Error {
  constructor(
    readonly failure: PiiDecryptionFailure,
    reason: string,
  ) {
    super(`Cannot decrypt personal data: ${reason}`);
    this.name = 'PiiDecryptionError';
  }
}

/**
 * Seals personal data (phones, e-mails, names) with AES-256-GCM. Each value carries the id
 * of its key, so older keys can stay readable while new values use the current one.
 */
export class PiiCipher {
  private readonly current: { id: Buffer; key: Buffer };
  private readonly byId: Map<string, Buffer>;
  private readonly indexKeys: Buffer[];

  /** `keys[0]` seals new values; the rest only open older ones. */
  constructor(keys: Buffer[]) {
    if (keys.length === 0 || keys.some((k) => k.length !== 32)) throw new Error('PII keys must be 32 bytes each');
    const withIds = keys.map((key) => ({ id: keyId(key), key }));
    this.current = withIds[0];
    this.byId = new Map(withIds.map((k) => [k.id.toString('hex'), k.key]));
    // A separate key for blind indexes, so matching by phone never needs the plaintext stored.
    this.indexKeys = keys.map((key) => createHmac('sha256', key).update('turbota blind index').digest());
  }

  /** The id (4 bytes) of the key that seals new values, as it starts every sealed value after the version byte. */
  get currentKeyId(): Buffer {
    return Buffer.from(this.current.id);
  }

  /** The ids (8 hex digits) of every configured key, the current one first: never the keys. */
  get keyIds(): string[] {
    return [...this.byId.keys()];
  }

  /**
   * A secret for another purpose (e.g. hashing API keys) derived from each configured key by
   * HKDF, the current key's first: every process sharing the database already shares these keys.
   */
  derivedSecrets(purpose: string): Buffer[] {
    return [...this.byId.values()].map((key) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `turbota ${purpose}`, 32)));
  }

  /** True while older keys are configured: a rotation is in progress. */
  get rotating(): boolean {
    return this.indexKeys.length > 1;
  }

  /** True when the value was sealed with the current key (a re-seal leaves it alone). */
  isCurrent(sealed: Buffer): boolean {
    return sealed.length > KEY_ID_BYTES && sealed.subarray(1, 1 + KEY_ID_BYTES).equals(this.current.id);
  }

  seal(plaintext: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const header = Buffer.concat([Buffer.of(VERSION), this.current.id]);
    cipher.setAAD(header);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    if (sealed.length < 1 + KEY_ID_BYTES + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
      throw new PiiDecryptionError('unknown-format', 'unknown format');
    }
    const header = sealed.subarray(0, 1 + KEY_ID_BYTES);
    const key = this.byId.get(header.subarray(1).toString('hex'));
    if (!key) {
      const id = header.subarray(1).toString('hex');
      throw new PiiDecryptionError('unknown-key', `sealed with key id ${id}, which is neither PII_ENCRYPTION_KEY nor in PII_ENCRYPTION_KEYS_PREVIOUS`);
    }
    const iv = sealed.subarray(header.length, header.length + IV_BYTES);
    const tag = sealed.subarray(header.length + IV_BYTES, header.length + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(sealed.subarray(header.length + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new PiiDecryptionError('altered', 'the value was altered');
    }
  }

  /** A keyed hash of a normalised value, to find equal values without storing them in the clear. */
  blindIndex(normalised: string): Buffer {
    return createHmac('sha256', this.indexKeys[0]).update(normalised).digest();
  }

  /**
   * The value's blind index under every configured key, the current one first: during a
   * rotation, rows written before it still carry an older key's index until they are re-sealed.
   */
  blindIndexes(normalised: string): Buffer[] {
    return this.indexKeys.map((key) => createHmac('sha256', key).update(normalised).digest());
  }
}

/** The id a sealed value carries for its key: the first 4 bytes of SHA-256 of the key (which reveal nothing of a random 32-byte key). */
function keyId(key: Buffer): Buffer {
  return createHash('sha256').update(key).digest().subarray(0, KEY_ID_BYTES);
}
