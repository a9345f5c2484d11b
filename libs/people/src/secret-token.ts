import { createHash, randomBytes } from 'node:crypto';

/** A new random token for a link or a session: 32 bytes, base64url (43 characters). */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a token: its SHA-256 (256 random bits need no slow hash to resist guessing). */
export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
