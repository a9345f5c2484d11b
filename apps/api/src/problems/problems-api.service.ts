import { Injectable } from '@nestjs/common';
import type { Principal } from '@turbota/auth';
import { ProblemService } from '@turbota/incidents';
import { ifMatchVersion } from '../common-params';
import { actorOf, mayRevealContacts, withIfMatch } from '../incidents/incidents-api.service';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import type { ProblemTransitionInput } from './problem.schemas';
import type { ProblemsQuery } from './problems.query';

/** The REST face of problems: takes the checked request parts, asks the problem service, shapes pages. */
@Injectable()
export class ProblemsApi {
  constructor(private readonly problems: ProblemService) {}

  async list({ cursor, ...filters }: ProblemsQuery) {
    const page = await this.problems.list({ ...filters, after: cursor ? decodeCursor(cursor) : undefined });
    return { items: page.items, nextCursor: page.next && encodeCursor(page.next.at, page.next.id) };
  }

  get(id: string, principal: Principal) {
    return this.problems.get(id, { revealContacts: mayRevealContacts(principal) });
  }

  transition(id: string, command: ProblemTransitionInput, principal: Principal, ifMatch: string | undefined) {
    const expectedVersion = ifMatchVersion(ifMatch, 'problem');
    return withIfMatch(expectedVersion, () =>
      this.problems.transition(id, { ...command, actor: actorOf(principal), expectedVersion }, { revealContacts: mayRevealContacts(principal) }),
    );
  }
}
