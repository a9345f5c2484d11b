import type { AuditActor } from '@turbota/audit';
import type { Locale } from '@turbota/common';
import type { ApiRole, PersonRole } from '@turbota/persistence';

interface PrincipalFields {
  /** The API key's id; for a person, the person's id (what callers record as who acted). */
  keyId: string;
  /** The key's name, or the person's display name. */
  name: string;
  role: ApiRole;
}

/** A machine calling with `Authorization: Bearer <key>`. */
export interface ApiKeyPrincipal extends PrincipalFields {
  kind: 'apiKey';
}

/** A person signed in to the console, calling with the session cookie. */
export interface PersonPrincipal extends PrincipalFields {
  kind: 'person';
  personId: string;
  /** The session the cookie stands for (its row's id, not its token). */
  sessionId: string;
  email: string;
  role: PersonRole;
  /** The language the person chose for the console; null: none. */
  locale: Locale | null;
}

/** Who is calling the API: resolved from the Bearer key or the session cookie on every request. */
export type Principal = ApiKeyPrincipal | PersonPrincipal;

/** Who the audit records as having acted: the person signed in, or the API key. */
export function auditActorOf(principal: Principal): AuditActor {
  return principal.kind === 'person' ? { kind: 'person', id: principal.personId, name: principal.name } : { kind: 'api_key', id: principal.keyId, name: principal.name };
}
