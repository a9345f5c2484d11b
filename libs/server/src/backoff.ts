import type { RandomSource } from '@turbota/common';

/** Attempts a queued item gets before it is given up on: eleven waits, of 1 s, 2 s, 4 s ... 5 minutes on average. */
export const MAX_ATTEMPTS = 12;

const BASE_MS = 1000;
const CAP_MS = 600_000;

/** The longest wait after `attempts` failed attempts: 2 s, 4 s, 8 s ... at most 10 minutes. */
export function backoffCeilingMs(attempts: number): number {
  return Math.min(CAP_MS, BASE_MS * 2 ** Math.max(1, attempts));
}

/**
 * The wait before the next attempt, with full jitter: uniform below the ceiling, so items that
 * failed together (a platform outage, in every process at once) are not all tried again
 * together. On average 1 s, 2 s, 4 s ... 5 minutes, the waits the back-off kept before it had jitter.
 */
export function backoffMs(attempts: number, random: RandomSource): number {
  return Math.floor(random() * backoffCeilingMs(attempts));
}

/** After a failure of an item's own: the wait before its next attempt, or null once it has had `MAX_ATTEMPTS` (give it up). */
export function nextAttemptInMs(attempts: number, random: RandomSource): number | null {
  return attempts >= MAX_ATTEMPTS ? null : backoffMs(attempts, random);
}
