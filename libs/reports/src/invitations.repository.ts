import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type Database, execute, qb } from '@turbota/persistence';
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
  .select([sql<string | null>`c.id`.as('contact_id'), 'c.conversation_id', 'c.invited_at', 'c.non_responder_at', 'c.channel', 'c.locale', 'c.agent', 'c.service_type', 'c.point_of_service'])
  .where('c.invited_at', 'is not', null)
  .unionAll(
    qb
      .selectFrom('campaign_member as m')
      .innerJoin('conversation as v', 'v.id', 'm.conversation_id')
      .select([
        sql<string | null>`NULL::uuid`.as('contact_id'),
        'm.conversation_id',
        'm.sent_at as invited_at',
        'm.non_responder_at',
        'v.channel',
        'v.locale',
        'v.agent',
        'v.service_type',
        'v.point_of_service',
      ])
      .where('m.sent_at', 'is not', null),
  )
  .as('c');

/** What the invitations of one channel came to, and the messages outside the messengers they took. */
export interface ChannelInvitationCounts extends InvitationCounts {
  channel: string;
  /** Invitations by SMS or e-mail that the provider took (a text that failed later is still billed). */
  messages: number;
  /** The SMS segments of those messages, which SMS providers bill; 0 for other channels. */
  segments: number;
  /** Where the invitees who answered a personal survey link opened it (`web`, `telegram`, `viber`), by count. */
  answeredOn: Record<string, number>;
}

/** What the invitations of one cascade step came to: the contacts it was sent to, and those who answered (or may still answer) the survey it opened, their latest step. */
export interface StepInvitationCounts extends InvitationCounts {
  position: number;
  channel: string;
}

/** A channel's counts before any invitation is counted in. */
export function noInvitations(channel: string): ChannelInvitationCounts {
  return { channel, invited: 0, answered: 0, awaiting: 0, npsOfInvited: { promoters: 0, passives: 0, detractors: 0 }, messages: 0, segments: 0, answeredOn: {} };
}

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

  /**
   * The same counts for each channel the invitations went out on (for a link invitation: `sms`
   * or `email`, wherever it was answered), with the messages and segments billed, and where the
   * links were opened. Channels in order of invitations, most first.
   */
  async byChannel(filters: ReportFilters): Promise<ChannelInvitationCounts[]> {
    // The link that opened the contact's survey: a cascade of two link steps issues two.
    const each = this.invitedIn(filters)
      .leftJoin('survey_link as l', (join) => join.onRef('l.contact_id', '=', 'c.contact_id').onRef('l.conversation_id', '=', 'c.conversation_id'))
      .select((eb) => [
        'c.channel',
        'c.non_responder_at',
        'l.opened_on',
        eb.exists(eb.selectFrom('answer as a').select(eb.lit(1).as('one')).whereRef('a.conversation_id', '=', 'c.conversation_id')).as('answered'),
        integralNpsOf(eb),
        eb
          .selectFrom('invitation_message as m')
          .select((m) => m.fn.countAll<string>().as('n'))
          .whereRef('m.contact_id', '=', 'c.contact_id')
          .where('m.sent_at', 'is not', null)
          .as('messages'),
        eb
          .selectFrom('invitation_message as m')
          .select((m) => m.fn.coalesce(m.fn.sum<string>('m.segments'), sql<string>`0`).as('n'))
          .whereRef('m.contact_id', '=', 'c.contact_id')
          .where('m.sent_at', 'is not', null)
          .as('segments'),
      ])
      .as('c');
    const count = (eb: ExpressionBuilder<{ c: { answered: boolean } }, 'c'>, where?: Expression<SqlBool>) =>
      eb.cast<string>(where ? eb.fn.countAll().filterWhere(where) : eb.fn.countAll(), 'text');
    const rows = await execute(
      this.dataSource,
      qb
        .selectFrom(each)
        .select((eb) => [
          'c.channel',
          'c.opened_on',
          count(eb).as('invited'),
          count(eb, eb.ref('c.answered')).as('answered'),
          count(eb, eb.and([eb.not(eb.ref('c.answered')), eb('c.non_responder_at', 'is', null)])).as('awaiting'),
          count(eb, eb('c.nps', '>=', 9)).as('promoters'),
          count(eb, eb.between('c.nps', 7, 8)).as('passives'),
          count(eb, eb('c.nps', '<=', 6)).as('detractors'),
          eb.cast<string>(eb.fn.coalesce(eb.fn.sum('c.messages'), sql`0`), 'text').as('messages'),
          eb.cast<string>(eb.fn.coalesce(eb.fn.sum('c.segments'), sql`0`), 'text').as('segments'),
        ])
        .groupBy(['c.channel', 'c.opened_on']),
    );
    // One row per channel and place a link was opened: folded here into one per channel.
    const byChannel = new Map<string, ChannelInvitationCounts>();
    for (const row of rows) {
      const into = byChannel.get(row.channel) ?? noInvitations(row.channel);
      into.invited += Number(row.invited);
      into.answered += Number(row.answered);
      into.awaiting += Number(row.awaiting);
      into.npsOfInvited.promoters += Number(row.promoters);
      into.npsOfInvited.passives += Number(row.passives);
      into.npsOfInvited.detractors += Number(row.detractors);
      into.messages += Number(row.messages);
      into.segments += Number(row.segments);
      if (row.opened_on !== null && Number(row.answered) > 0) into.answeredOn[row.opened_on] = Number(row.answered);
      byChannel.set(row.channel, into);
    }
    return [...byChannel.values()].sort((a, b) => b.invited - a.invited || a.channel.localeCompare(b.channel));
  }

  /**
   * The same counts for each step of the invitation cascades (position and channel), from the
   * contacts' recorded steps: a step answered is the contact's latest sent one, since the one
   * before it ended unanswered when it went. In order of position, then invitations.
   */
  async byStep(filters: ReportFilters): Promise<StepInvitationCounts[]> {
    const each = this.invitedIn(filters)
      .innerJoin('contact_invitation_step as s', 's.contact_id', 'c.contact_id')
      .where('s.status', '=', 'sent')
      .select((eb) => [
        's.position',
        's.channel',
        'c.non_responder_at',
        eb.not(eb.exists(eb.selectFrom('contact_invitation_step as l').select(eb.lit(1).as('one')).whereRef('l.contact_id', '=', 's.contact_id').where('l.status', '=', 'sent').whereRef('l.position', '>', 's.position'))).as('latest'),
        eb.exists(eb.selectFrom('answer as a').select(eb.lit(1).as('one')).whereRef('a.conversation_id', '=', 'c.conversation_id')).as('responded'),
        integralNpsOf(eb),
      ])
      .as('c');
    const rows = await execute(
      this.dataSource,
      qb
        .selectFrom(each)
        .select((eb) => [
          'c.position',
          'c.channel',
          eb.cast<string>(eb.fn.countAll(), 'text').as('invited'),
          eb.cast<string>(eb.fn.countAll().filterWhere(eb.and([eb.ref('c.latest'), eb.ref('c.responded')])), 'text').as('answered'),
          eb.cast<string>(eb.fn.countAll().filterWhere(eb.and([eb.ref('c.latest'), eb.not(eb.ref('c.responded')), eb('c.non_responder_at', 'is', null)])), 'text').as('awaiting'),
          eb.cast<string>(eb.fn.countAll().filterWhere(eb.and([eb.ref('c.latest'), eb('c.nps', '>=', 9)])), 'text').as('promoters'),
          eb.cast<string>(eb.fn.countAll().filterWhere(eb.and([eb.ref('c.latest'), eb.between('c.nps', 7, 8)])), 'text').as('passives'),
          eb.cast<string>(eb.fn.countAll().filterWhere(eb.and([eb.ref('c.latest'), eb('c.nps', '<=', 6)])), 'text').as('detractors'),
        ])
        .groupBy(['c.position', 'c.channel'])
        .orderBy('c.position')
        .orderBy(sql`count(*)`, 'desc')
        .orderBy('c.channel'),
    );
    return rows.map((r) => ({
      position: r.position,
      channel: r.channel,
      invited: Number(r.invited),
      answered: Number(r.answered),
      awaiting: Number(r.awaiting),
      npsOfInvited: { promoters: Number(r.promoters), passives: Number(r.passives), detractors: Number(r.detractors) },
    }));
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

/** The score an invitation's survey got on its integral NPS question; null when none. */
function integralNpsOf(eb: ExpressionBuilder<Database & { c: { conversation_id: string | null } }, 'c'>) {
  return eb
    .selectFrom('answer as a')
    .select('a.score')
    .whereRef('a.conversation_id', '=', 'c.conversation_id')
    .where('a.question_type', '=', 'nps')
    .where('a.integral', '=', true)
    .where('a.score', 'is not', null)
    .limit(1)
    .as('nps');
}
