import { BadRequestException, Injectable, PreconditionFailedException } from '@nestjs/common';
import type { Principal } from '@turbota/auth';
import type { PeopleActor } from '@turbota/people';
import { type Actor, IncidentIntake, type IncidentReport, IncidentService, VersionConflictError } from '@turbota/incidents';
import { ifMatchVersion } from '../common-params';
import { periodOf } from '../date-range';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import type { IncidentReader } from './incident-reader';
import type { IncidentOwnerInput, IncidentTransitionInput } from './incident.schemas';
import type { IncidentsQuery } from './incidents.query';

/**
 * Supervisor and admin API keys read customers' contacts in the clear, as the machines they serve
 * (a dialler, a CRM) need them; people see them masked until they ask for them, which is recorded
 * (`POST /incidents/{id}/contact-reveal`). Every other role sees them masked.
 */
export const mayRevealContacts = (principal: Principal) => principal.kind === 'apiKey' && (principal.role === 'admin' || principal.role === 'supervisor');

/** The person `me` stands for: the signed-in person; an API key is none. */
function personOf(principal: Principal, field: string): string {
  if (principal.kind === 'person') return principal.personId;
  throw new BadRequestException(`${field}: me stands for the signed-in person, and an API key is none; name the person by id`);
}

/** The API key or the signed-in person that acted, as the audit trail records it (of incidents and of people). */
export const actorOf = (principal: Principal): Actor & PeopleActor =>
  principal.kind === 'person'
    ? { kind: 'person', id: principal.personId, name: principal.name }
    : { kind: 'api_key', id: principal.keyId, name: principal.name };

/** Turns a stale If-Match into 412; without If-Match there is nothing to precondition. */
export async function withIfMatch<T>(expectedVersion: number | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof VersionConflictError && expectedVersion !== undefined) throw new PreconditionFailedException(error.message);
    throw error;
  }
}

/** How a reader is shown an incident: contacts as their role may see them, tasks in their language. */
const readOptions = ({ principal, tasksLocale }: IncidentReader) => ({ revealContacts: mayRevealContacts(principal), tasksLocale });

/** The REST face of incidents: takes the checked request parts, asks the incident service, shapes pages. */
@Injectable()
export class IncidentsApi {
  constructor(
    private readonly incidents: IncidentService,
    private readonly intake: IncidentIntake,
  ) {}

  async list({ cursor, from, to, owner, ...filters }: IncidentsQuery, principal: Principal) {
    // The list takes the moments the period covers, `to` excluded.
    const { start, end } = periodOf({ from, to });
    const after = cursor ? decodeCursor(cursor) : undefined;
    const ownedBy = owner === undefined ? {} : { owner: owner === 'none' ? null : owner === 'me' ? personOf(principal, 'owner') : owner };
    const page = await this.incidents.list({ ...filters, ...ownedBy, from: start, to: end, after }, { revealContacts: mayRevealContacts(principal) });
    return { items: page.items, nextCursor: page.next && encodeCursor(page.next.at, page.next.id) };
  }

  get(id: string, reader: IncidentReader) {
    return this.incidents.get(id, readOptions(reader));
  }

  async report(report: IncidentReport, reader: IncidentReader) {
    const id = await this.intake.report(report, actorOf(reader.principal));
    return this.incidents.get(id, readOptions(reader));
  }

  transition(id: string, command: IncidentTransitionInput, reader: IncidentReader, ifMatch: string | undefined) {
    const expectedVersion = ifMatchVersion(ifMatch, 'incident');
    return withIfMatch(expectedVersion, () => this.incidents.transition(id, { ...command, actor: actorOf(reader.principal), expectedVersion }, readOptions(reader)));
  }

  assign(id: string, input: IncidentOwnerInput, reader: IncidentReader, ifMatch: string | undefined) {
    const expectedVersion = ifMatchVersion(ifMatch, 'incident');
    const ownerId = input.me ? personOf(reader.principal, 'me') : (input.personId ?? null);
    return withIfMatch(expectedVersion, () => this.incidents.assign(id, { ownerId, actor: actorOf(reader.principal), expectedVersion }, readOptions(reader)));
  }

  revealContact(id: string, reader: IncidentReader) {
    return this.incidents.revealContact(id, actorOf(reader.principal), { tasksLocale: reader.tasksLocale });
  }

  /** Who may own incidents, for choosing one. */
  owners() {
    return this.incidents.owners();
  }
}
