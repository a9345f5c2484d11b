import { MigrationInterface, QueryRunner } from 'typeorm';

/** The agent rollups (day, and month, × metric × agent × score), filled from the fine one. */
export class AgentRollup1796200003000 implements MigrationInterface {
  name = 'AgentRollup1796200003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "answer_rollup_agent" ("day" date NOT NULL, "metric" text NOT NULL, "agent" text NOT NULL, "score" smallint NOT NULL, "count" integer NOT NULL, CONSTRAINT "ck_answer_rollup_agent_count" CHECK ("count" >= 0), CONSTRAINT "ck_answer_rollup_agent_metric" CHECK ("metric" IN ('nps', 'ces', 'csat')), CONSTRAINT "pk_answer_rollup_agent" PRIMARY KEY ("day", "metric", "agent", "score"))`);
    // The fine rollup already counts every answer written so far: summing it keeps the reports of existing installs right.
    await queryRunner.query(`INSERT INTO "answer_rollup_agent" ("day", "metric", "agent", "score", "count")
      SELECT "day", "metric", "agent", "score", SUM("count") FROM "answer_rollup" GROUP BY 1, 2, 3, 4`);
    await queryRunner.query(`CREATE TABLE "answer_rollup_agent_monthly" ("month" date NOT NULL, "metric" text NOT NULL, "agent" text NOT NULL, "score" smallint NOT NULL, "count" integer NOT NULL, CONSTRAINT "ck_answer_rollup_agent_monthly_month" CHECK (EXTRACT(DAY FROM "month") = 1), CONSTRAINT "ck_answer_rollup_agent_monthly_count" CHECK ("count" >= 0), CONSTRAINT "ck_answer_rollup_agent_monthly_metric" CHECK ("metric" IN ('nps', 'ces', 'csat')), CONSTRAINT "pk_answer_rollup_agent_monthly" PRIMARY KEY ("month", "metric", "agent", "score"))`);
    await queryRunner.query(`INSERT INTO "answer_rollup_agent_monthly" ("month", "metric", "agent", "score", "count")
      SELECT date_trunc('month', "day"::timestamp)::date, "metric", "agent", "score", SUM("count") FROM "answer_rollup_agent" GROUP BY 1, 2, 3, 4`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "answer_rollup_agent_monthly"`);
    await queryRunner.query(`DROP TABLE "answer_rollup_agent"`);
  }
}
