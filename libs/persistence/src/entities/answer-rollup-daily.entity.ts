import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The coarse twin of `answer_rollup`: the same score histograms summed over agent, service type
 * and point of service. A day holds a few hundred rows at most whatever the volume, so the
 * reports that neither filter nor cut by those three read it instead of the fine rollup.
 * Written in the same transaction as the fine rollup, so the two always agree.
 */
@Entity('answer_rollup_daily')
@Check('ck_answer_rollup_daily_metric', `"metric" IN ('nps', 'ces', 'csat')`)
@Check('ck_answer_rollup_daily_count', `"count" >= 0`)
export class AnswerRollupDailyEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_answer_rollup_daily' })
  day: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup_daily' })
  metric: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup_daily' })
  channel: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup_daily' })
  locale: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_answer_rollup_daily' })
  score: number;

  @Column({ type: 'int' })
  count: number;
}
