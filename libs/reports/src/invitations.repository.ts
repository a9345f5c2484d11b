import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { execute, qb } from '@turbota/persistence';
import type { NpsCounts } from '@turbota/statistics';
import { ATTRIBUTES, periodBounds, ReportFilters } from './report-filters';

/** What became of the invitations sent in a period. */
export interface InvitationCounts {
  invited: number;
  /** Invitees who answered at least one question. */
  answered: number;
  /** Invitees who have not answered yet and whose answer window is still open. */
  awaiting: number;
  /** The NPS categories of the invitees who answered an integral NPS question. */
  npsOfInvited: NpsCounts;
}

/**
 * Every invitation sent, whatever sent it: a finished contact (the `contact` table) or a
 * campaign (`campaign_member`, whose attributes are those of the conversation it opened).
 */
const INVITATIONS = qb
  .selectFrom('contact as c')
  .select(['c.conversation_id', 'c.invited_at', 'c.non_responder_at', 'c.channel', 'c.locale', 'c.agent', 'c.service_type', 'c.point_of_service'])
  .where('c.invited_at', 'is not', null)
  .unionAll(
    qb
      .selectFrom('campaign_member as m')
      .innerJoin('conversation as v', 'v.id', 'm.conversation_id')
      .select(['m.conversation_id', 'm.sent_at as invited_at', 'm.non_responder_at', 'v.channel', 'v.locale', 'v.agent', 'v.service_type', 'v.point_of_service'])
      .where('m.sent_at', 'is not', null),
  )
  .as('c');

/** Counts invitations (of contacts and of campaigns) and what their invitees answered. */
@Injectable()
export class InvitationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async counts(filters: ReportFilters): Promise<InvitationCounts> {
    const invited = this.invitedIn(filters);
    const [totals] = await execute(
      this.dataSource,
      qb
        .selectFrom(
          invited
            .select((eb) => [
              'c.non_responder_at',
              eb.exists(eb.selectFrom('answer as a').select(eb.lit(1).as('one')).whereRef('a.conversation_id', '=', 'c.conversation_id')).as('answered'),
            ])
            .as('c'),
        )
        .select((eb) => [
          eb.cast<string>(eb.fn.countAll(), 'text').as('invited'),
          eb.cast<string>(eb.fn.countAll().filterWhere(eb.ref('c.answered')), 'text').as('answered'),
          eb.cast<string>(eb.fn.countAll().filterWhere(eb.and([eb.not(eb.ref('c.answered')), eb('c.non_responder_at', 'is', null)])), 'text').as('awaiting'),
        ]),
    );
    const [nps] = await execute(
      this.dataSource,
      invited
        .innerJoin('answer as a', (join) =>
          join.onRef('a.conversation_id', '=', 'c.conversation_id').on('a.question_type', '=', 'nps').on('a.integral', '=', true).on('a.score', 'is not', null),
        )
        .select((eb) => [
          eb.cast<string>(eb.fn.countAll().filterWhere('a.score', '>=', 9), 'text').as('promoters'),
          eb.cast<string>(eb.fn.countAll().filterWhere(eb.between('a.score', 7, 8)), 'text').as('passives'),
          eb.cast<string>(eb.fn.countAll().filterWhere('a.score', '<=', 6), 'text').as('detractors'),
        ]),
    );
    return {
      invited: Number(totals.invited),
      answered: Number(totals.answered),
      awaiting: Number(totals.awaiting),
      npsOfInvited: { promoters: Number(nps.promoters), passives: Number(nps.passives), detractors: Number(nps.detractors) },
    };
  }

  /** The invitations sent in the report's period, with the attributes it filters on (alias `c`). */
  private invitedIn(filters: ReportFilters) {
    const { start, end } = periodBounds(filters);
    let query = qb.selectFrom(INVITATIONS);
    for (const [field, column] of ATTRIBUTES) {
      const value = filters[field];
      if (value !== undefined) query = query.where(`c.${column}`, '=', value);
    }
    if (start) query = query.where('c.invited_at', '>=', start);
    if (end) query = query.where('c.invited_at', '<', end);
    return query;
  }
}
