import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a secret a caller sent equals the expected one, compared in constant time: their
 * SHA-256 digests are compared, so neither the content nor the length leaks through timing.
 */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
