import { MigrationInterface, QueryRunner } from 'typeorm';

/** Imported answers (no conversation, their source and batch) and the per-day score histograms reports read. */
export class ReportsAndImports1796130431625 implements MigrationInterface {
  name = 'ReportsAndImports1796130431625';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "answer_rollup" ("day" date NOT NULL, "metric" text NOT NULL, "channel" text NOT NULL, "locale" text NOT NULL, "agent" text NOT NULL, "service_type" text NOT NULL, "point_of_service" text NOT NULL, "score" smallint NOT NULL, "count" integer NOT NULL, CONSTRAINT "ck_answer_rollup_count" CHECK ("count" >= 0), CONSTRAINT "ck_answer_rollup_metric" CHECK ("metric" IN ('nps', 'ces', 'csat')), CONSTRAINT "pk_answer_rollup" PRIMARY KEY ("day", "metric", "channel", "locale", "agent", "service_type", "point_of_service", "score"))`);
    await queryRunner.query(`ALTER TABLE "answer" ADD "source" text NOT NULL DEFAULT 'dialogue'`);
    await queryRunner.query(`ALTER TABLE "answer" ADD "import_batch_id" uuid`);
    await queryRunner.query(`ALTER TABLE "answer" ADD "external_customer_ref" text`);
    await queryRunner.query(`ALTER TABLE "answer" ALTER COLUMN "conversation_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_answer_import_batch" ON "answer"  ("import_batch_id") WHERE "import_batch_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "answer" ADD CONSTRAINT "ck_answer_import_has_batch" CHECK (("source" = 'import') = ("import_batch_id" IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE "answer" ADD CONSTRAINT "ck_answer_source" CHECK ("source" IN ('dialogue', 'import'))`);
    // Answers written before this migration are counted into the rollups once, here.
    await queryRunner.query(`INSERT INTO "answer_rollup" ("day", "metric", "channel", "locale", "agent", "service_type", "point_of_service", "score", "count")
      SELECT ("answered_at" AT TIME ZONE 'UTC')::date, "question_type", "channel", "locale", COALESCE("agent", ''), COALESCE("service_type", ''), COALESCE("point_of_service", ''), "score", count(*)
      FROM "answer" WHERE "question_type" IN ('nps', 'ces', 'csat') AND "score" IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "answer" WHERE "conversation_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "answer" DROP CONSTRAINT "ck_answer_source"`);
    await queryRunner.query(`ALTER TABLE "answer" DROP CONSTRAINT "ck_answer_import_has_batch"`);
    await queryRunner.query(`DROP INDEX "public"."ix_answer_import_batch"`);
    await queryRunner.query(`ALTER TABLE "answer" ALTER COLUMN "conversation_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "answer" DROP COLUMN "external_customer_ref"`);
    await queryRunner.query(`ALTER TABLE "answer" DROP COLUMN "import_batch_id"`);
    await queryRunner.query(`ALTER TABLE "answer" DROP COLUMN "source"`);
    await queryRunner.query(`DROP TABLE "answer_rollup"`);
  }
}
