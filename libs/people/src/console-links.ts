import type { PersonTokenKind } from '@turbota/persistence';

const PAGES: Record<PersonTokenKind, string> = { setup: 'setup', invite: 'invite', reset: 'reset' };

/**
 * The console page a one-time link opens: `<base>/console/<page>/<token>`, where the base is
 * PUBLIC_URL, or else the address the request that made the link came to.
 */
export function consoleLink(base: string, kind: PersonTokenKind, token: string): string {
  return `${base.replace(/\/+$/, '')}/console/${PAGES[kind]}/${token}`;
}
