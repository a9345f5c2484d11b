import { createHash, createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PiiCipher } from '@turbota/privacy';

const FINGERPRINT_HEX_DIGITS = 8;

/**
 * Keyed hashes of API keys (HMAC-SHA256), so a stolen `api_key` table does not let anyone
 * test guesses of a person-chosen key offline. The secret is derived from the PII key, which
 * every process sharing the database already has; a PII key rotation keeps old hashes valid
 * through the previous keys, and a key's next use moves its row to the current secret.
 */
@Injectable()
export class ApiKeyHasher {
  private readonly hashSecrets: Buffer[];
  private readonly fingerprintSecret: Buffer;

  constructor(cipher: PiiCipher) {
    this.hashSecrets = cipher.derivedSecrets('api key hash');
    this.fingerprintSecret = cipher.derivedSecrets('api key fingerprint')[0];
  }

  /** The hash a key is stored under now. */
  hash(key: string): Buffer {
    return hmac(this.hashSecrets[0], key);
  }

  /**
   * Every hash a stored key may carry, the current first: under each configured PII key's
   * secret, then the plain SHA-256 rows had before keyed hashes (upgraded when next used).
   */
  candidates(key: string): Buffer[] {
    return [...this.hashSecrets.map((secret) => hmac(secret, key)), createHash('sha256').update(key, 'utf8').digest()];
  }

  /** A fixed-length keyed fingerprint that tells keys apart and reveals no part of the key. */
  fingerprint(key: string): string {
    return `fp:${hmac(this.fingerprintSecret, key).toString('hex').slice(0, FINGERPRINT_HEX_DIGITS)}`;
  }
}

function hmac(secret: Buffer, key: string): Buffer {
  return createHmac('sha256', secret).update(key, 'utf8').digest();
}
