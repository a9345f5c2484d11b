import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NpsCounts } from '@turbota/statistics';
import { attributeConditions, ReportFilters, SqlConditions, whereOf } from './report-filters';

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
const INVITATIONS = `(
  SELECT c."conversation_id", c."invited_at", c."non_responder_at",
         c."channel", c."locale", c."agent", c."service_type", c."point_of_service"
  FROM "contact" c WHERE c."invited_at" IS NOT NULL
  UNION ALL
  SELECT m."conversation_id", m."sent_at", m."non_responder_at",
         v."channel", v."locale", v."agent", v."service_type", v."point_of_service"
  FROM "campaign_member" m JOIN "conversation" v ON v."id" = m."conversation_id"
  WHERE m."sent_at" IS NOT NULL
)`;

/** Counts invitations (of contacts and of campaigns) and what their invitees answered. */
@Injectable()
export class InvitationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async counts(filters: ReportFilters): Promise<InvitationCounts> {
    const conditions = this.invitedIn(filters);
    const [totals] = await this.dataSource.query<{ invited: string; answered: string; awaiting: string }[]>(
      `SELECT count(*)::text AS "invited",
              count(*) FILTER (WHERE "answered")::text AS "answered",
              count(*) FILTER (WHERE NOT "answered" AND c."non_responder_at" IS NULL)::text AS "awaiting"
       FROM (SELECT c."non_responder_at", EXISTS (SELECT 1 FROM "answer" a WHERE a."conversation_id" = c."conversation_id") AS "answered"
             FROM ${INVITATIONS} c ${whereOf(conditions)}) c`,
      conditions.parameters,
    );
    const categories = await this.dataSource.query<{ promoters: string; passives: string; detractors: string }[]>(
      `SELECT count(*) FILTER (WHERE a."score" >= 9)::text AS "promoters",
              count(*) FILTER (WHERE a."score" BETWEEN 7 AND 8)::text AS "passives",
              count(*) FILTER (WHERE a."score" <= 6)::text AS "detractors"
       FROM ${INVITATIONS} c JOIN "answer" a ON a."conversation_id" = c."conversation_id"
         AND a."question_type" = 'nps' AND a."integral" AND a."score" IS NOT NULL
       ${whereOf(conditions)}`,
      conditions.parameters,
    );
    const [nps] = categories;
    return {
      invited: Number(totals.invited),
      answered: Number(totals.answered),
      awaiting: Number(totals.awaiting),
      npsOfInvited: { promoters: Number(nps.promoters), passives: Number(nps.passives), detractors: Number(nps.detractors) },
    };
  }

  private invitedIn(filters: ReportFilters): SqlConditions {
    return attributeConditions(filters, { alias: 'c', period: { column: 'invited_at', kind: 'timestamp' } });
  }
}
