import { MigrationInterface, QueryRunner } from 'typeorm';

/** Partial indexes on the answers the factors report reads (Likert and reasons), by time. */
export class FactorAnswerIndexes1796200004000 implements MigrationInterface {
  name = 'FactorAnswerIndexes1796200004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_answer_likert_answered_at" ON "answer" ("answered_at") WHERE "question_type" = 'likert'`);
    await queryRunner.query(`CREATE INDEX "ix_answer_choice_answered_at" ON "answer" ("answered_at") WHERE "question_type" = 'single_choice'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_answer_choice_answered_at"`);
    await queryRunner.query(`DROP INDEX "ix_answer_likert_answered_at"`);
  }
}
