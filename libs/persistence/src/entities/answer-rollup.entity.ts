import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** What a missing contact attribute is stored as in a rollup key: a key column cannot be null. */
export const ROLLUP_NONE = '';

/**
 * How many answers gave one score on one UTC day for one combination of contact attributes.
 * Kept current in the transaction that writes the answers, so reports read a few thousand
 * histogram rows instead of millions of answers, and every score (NPS counts, CSAT top-2-box,
 * CES mean and spread) stays exact. A missing agent, service type or point of service is
 * stored as '' (`ROLLUP_NONE`) so the key can be a primary key both PGlite and PostgreSQL honour.
 */
@Entity('answer_rollup')
@Check('ck_answer_rollup_metric', `"metric" IN ('nps', 'ces', 'csat')`)
@Check('ck_answer_rollup_count', `"count" >= 0`)
export class AnswerRollupEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_answer_rollup' })
  day: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup' })
  metric: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup' })
  channel: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup' })
  locale: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup' })
  agent: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup' })
  serviceType: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_answer_rollup' })
  pointOfService: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_answer_rollup' })
  score: number;

  @Column({ type: 'int' })
  count: number;
}
