/** Exponential back-off for temporary failures: 1 s, 2 s, 4 s ... at most 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 300_000);
}
