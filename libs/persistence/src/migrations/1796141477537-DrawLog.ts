import { MigrationInterface, QueryRunner } from 'typeorm';

export class DrawLog1796141477537 implements MigrationInterface {
  name = 'DrawLog1796141477537';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "question_draw_log" ("id" BIGSERIAL NOT NULL, "pool_id" uuid NOT NULL, "question_code" text NOT NULL, CONSTRAINT "pk_question_draw_log" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_question_draw_log_pool" ON "question_draw_log"  ("pool_id") `);
    await queryRunner.query(`ALTER TABLE "question_draw_log" ADD CONSTRAINT "fk_question_draw_log_pool" FOREIGN KEY ("pool_id") REFERENCES "question_pool"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "question_draw_log" DROP CONSTRAINT "fk_question_draw_log_pool"`);
    await queryRunner.query(`DROP INDEX "public"."ix_question_draw_log_pool"`);
    await queryRunner.query(`DROP TABLE "question_draw_log"`);
  }
}
