import { Injectable } from '@nestjs/common';
import type { Principal } from '@turbota/auth';
import { ProblemService } from '@turbota/incidents';
import { parseOrThrow } from '@turbota/server';
import { ifMatchVersion } from '../common-params';
import { actorOf, mayRevealContacts, withIfMatch } from '../incidents/incidents-api.service';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import { problemsQuerySchema, problemTransitionSchema } from './problems.query';

/** The REST face of problems. */
@Injectable()
export class ProblemsApi {
  constructor(private readonly problems: ProblemService) {}

  async list(query: unknown) {
    const { cursor, ...filters } = parseOrThrow(problemsQuerySchema, query);
    const page = await this.problems.list({ ...filters, after: cursor ? decodeCursor(cursor) : undefined });
    return { items: page.items, nextCursor: page.next && encodeCursor(page.next.at, page.next.id) };
  }

  get(id: string, principal: Principal) {
    return this.problems.get(id, { revealContacts: mayRevealContacts(principal) });
  }

  transition(id: string, body: unknown, principal: Principal, ifMatch: string | undefined) {
    const command = parseOrThrow(problemTransitionSchema, body);
    const expectedVersion = ifMatchVersion(ifMatch, 'problem');
    return withIfMatch(expectedVersion, () =>
      this.problems.transition(id, { ...command, actor: actorOf(principal), expectedVersion }, { revealContacts: mayRevealContacts(principal) }),
    );
  }
}
