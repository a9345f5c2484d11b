import type { TestApp } from '../../support/test-app';

/** The application's error-level log lines (a 5xx's stack), to print beside a failing case. */
export function serverErrors(t: TestApp, limit = 20): string {
  return t.logs
    .entries()
    .filter((entry) => Number(entry.level) >= 50)
    .slice(0, limit)
    .map((entry) => JSON.stringify(entry).slice(0, 3_000))
    .join('\n');
}
