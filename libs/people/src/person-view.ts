import type { Locale } from '@turbota/common';
import type { PersonEntity, PersonRole, PersonStatus } from '@turbota/persistence';

/** A person as an admin sees them: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: PersonRole;
  status: PersonStatus;
  slackUserId: string | null;
  lastSignInAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The signed-in person, as they see themselves. */
export interface PersonProfile {
  kind: 'person';
  id: string;
  email: string;
  displayName: string;
  role: PersonRole;
  locale: Locale | null;
  slackUserId: string | null;
}

export function userView(person: PersonEntity): UserView {
  return {
    id: person.id,
    email: person.email,
    displayName: person.displayName,
    role: person.role,
    status: person.status,
    slackUserId: person.slackUserId,
    lastSignInAt: person.lastSignInAt,
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
  };
}

export function personProfile(person: PersonEntity): PersonProfile {
  return { kind: 'person', id: person.id, email: person.email, displayName: person.displayName, role: person.role, locale: person.locale, slackUserId: person.slackUserId };
}
