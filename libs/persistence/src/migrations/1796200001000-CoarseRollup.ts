import { MigrationInterface, QueryRunner } from 'typeorm';

/** The coarse daily rollup (day × metric × channel × locale × score), filled from the fine one. */
export class CoarseRollup1796200001000 implements MigrationInterface {
  name = 'CoarseRollup1796200001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "answer_rollup_daily" ("day" date NOT NULL, "metric" text NOT NULL, "channel" text NOT NULL, "locale" text NOT NULL, "score" smallint NOT NULL, "count" integer NOT NULL, CONSTRAINT "ck_answer_rollup_daily_count" CHECK ("count" >= 0), CONSTRAINT "ck_answer_rollup_daily_metric" CHECK ("metric" IN ('nps', 'ces', 'csat')), CONSTRAINT "pk_answer_rollup_daily" PRIMARY KEY ("day", "metric", "channel", "locale", "score"))`);
    // The fine rollup already counts every answer written so far: summing it keeps the reports of existing installs right.
    await queryRunner.query(`INSERT INTO "answer_rollup_daily" ("day", "metric", "channel", "locale", "score", "count")
      SELECT "day", "metric", "channel", "locale", "score", SUM("count") FROM "answer_rollup" GROUP BY 1, 2, 3, 4, 5`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "answer_rollup_daily"`);
  }
}
