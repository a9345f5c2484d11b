import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The agent twin of `answer_rollup`: the same score histograms summed over channel, locale,
 * service type and point of service. Its size grows with days × agents, not with the answers,
 * so the reports by agent (cut by agent, or filtered to one and cut by calendar period) read it
 * instead of the fine rollup. Written in the same transaction as the fine rollup.
 */
@Entity('answer_rollup_agent')
@Check('ck_answer_rollup_agent_metric', `"metric" IN ('nps', 'ces', 'csat')`)
@Check('ck_answer_rollup_agent_count', `"count" >= 0`)
export class AnswerRollupAgentEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_answer_rollup_agent' })
  day: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup_agent' })
  metric: string;

  /** '' (`ROLLUP_NONE`) for answers about a contact with no agent. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup_agent' })
  agent: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_answer_rollup_agent' })
  score: number;

  @Column({ type: 'int' })
  count: number;
}
