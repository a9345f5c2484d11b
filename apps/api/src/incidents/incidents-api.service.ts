import { Injectable, PreconditionFailedException } from '@nestjs/common';
import type { Principal } from '@turbota/auth';
import { type Actor, IncidentIntake, IncidentService, StaleVersionError } from '@turbota/incidents';
import { parseOrThrow } from '@turbota/server';
import { ifMatchVersion } from '../common-params';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import { incidentsQuerySchema, transitionBodySchema } from './incidents.query';

/** Supervisors and admins may see customers' contacts in the clear; every other role sees them masked. */
export const mayRevealContacts = (principal: Principal) => principal.role === 'admin' || principal.role === 'supervisor';

/** The API key that acted, as the audit trail records it. */
export const actorOf = (principal: Principal): Actor => ({ kind: 'api_key', id: principal.keyId, name: principal.name });

/** Turns a stale If-Match into 412; without If-Match there is nothing to precondition. */
export async function withIfMatch<T>(expectedVersion: number | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StaleVersionError && expectedVersion !== undefined) throw new PreconditionFailedException(error.message);
    throw error;
  }
}

/** The REST face of incidents: reads the request's parts, asks the incident service, shapes pages. */
@Injectable()
export class IncidentsApi {
  constructor(
    private readonly incidents: IncidentService,
    private readonly intake: IncidentIntake,
  ) {}

  async list(query: unknown, principal: Principal) {
    const { cursor, ...filters } = parseOrThrow(incidentsQuerySchema, query);
    const page = await this.incidents.list({ ...filters, after: cursor ? decodeCursor(cursor) : undefined }, { revealContacts: mayRevealContacts(principal) });
    return { items: page.items, nextCursor: page.next && encodeCursor(page.next.at, page.next.id) };
  }

  get(id: string, principal: Principal) {
    return this.incidents.get(id, { revealContacts: mayRevealContacts(principal) });
  }

  async report(body: unknown, principal: Principal) {
    const id = await this.intake.report(body, actorOf(principal));
    return this.incidents.get(id, { revealContacts: mayRevealContacts(principal) });
  }

  transition(id: string, body: unknown, principal: Principal, ifMatch: string | undefined) {
    const command = parseOrThrow(transitionBodySchema, body);
    const expectedVersion = ifMatchVersion(ifMatch, 'incident');
    return withIfMatch(expectedVersion, () =>
      this.incidents.transition(id, { ...command, actor: actorOf(principal), expectedVersion }, { revealContacts: mayRevealContacts(principal) }),
    );
  }
}
