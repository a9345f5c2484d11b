import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * `answer_rollup_agent` summed by calendar month (UTC): a report by agent over months reads a
 * row per month, agent, metric and score for each whole month of its period, and the daily
 * rows only for the days at its ends. Written in the same transaction as the daily rollups.
 */
@Entity('answer_rollup_agent_monthly')
@Check('ck_answer_rollup_agent_monthly_metric', `"metric" IN ('nps', 'ces', 'csat')`)
@Check('ck_answer_rollup_agent_monthly_count', `"count" >= 0`)
@Check('ck_answer_rollup_agent_monthly_month', `EXTRACT(DAY FROM "month") = 1`)
export class AnswerRollupAgentMonthlyEntity {
  /** The month's first day. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_answer_rollup_agent_monthly' })
  month: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup_agent_monthly' })
  metric: string;

  /** '' (`ROLLUP_NONE`) for answers about a contact with no agent. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup_agent_monthly' })
  agent: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_answer_rollup_agent_monthly' })
  score: number;

  @Column({ type: 'int' })
  count: number;
}
