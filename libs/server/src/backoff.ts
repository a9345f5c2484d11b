import type { RandomSource } from '@turbota/common';

/**
 * Attempts a queued item gets before it is given up on: 79 waits of 1 s, 2 s, 4 s, 8 s and then
 * 15 s on average, about 19 minutes in all (as long as the doubling waits without jitter took).
 */
export const MAX_ATTEMPTS = 80;

const BASE_MS = 1000;
/**
 * The ceiling stops doubling at 30 s: with full jitter a wait may come near its ceiling, and
 * what an outage held back must go out within a minute of the platform's return, not at the
 * end of a wait drawn below ten minutes.
 */
const CAP_MS = 30_000;

/** The longest wait after `attempts` failed attempts: 2 s, 4 s, 8 s, 16 s, then 30 s. */
export function backoffCeilingMs(attempts: number): number {
  return Math.min(CAP_MS, BASE_MS * 2 ** Math.max(1, attempts));
}

/**
 * The wait before the next attempt, with full jitter: uniform below the ceiling, so items that
 * failed together (a platform outage, in every process at once) are not all tried again
 * together. On average 1 s, 2 s, 4 s, 8 s, then 15 s.
 */
export function backoffMs(attempts: number, random: RandomSource): number {
  return Math.floor(random() * backoffCeilingMs(attempts));
}

/** After a failure of an item's own: the wait before its next attempt, or null once it has had `MAX_ATTEMPTS` (give it up). */
export function nextAttemptInMs(attempts: number, random: RandomSource): number | null {
  return attempts >= MAX_ATTEMPTS ? null : backoffMs(attempts, random);
}
