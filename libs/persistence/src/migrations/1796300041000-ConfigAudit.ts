import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who changed which part of the configuration (pools, policies, the standard, points, campaigns,
 * API keys, people), when, and each changed field's value before and after. The actor's ids
 * carry no foreign key: an entry outlives what it names, and its label keeps the name it had.
 * Times are kept to the millisecond, the precision of the API's cursors.
 */
export class ConfigAudit1796300041000 implements MigrationInterface {
  name = 'ConfigAudit1796300041000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "config_audit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT date_trunc('milliseconds', now()), ` +
        `"actor_kind" text NOT NULL, "actor_person_id" uuid, "actor_api_key_id" uuid, "actor_label" text NOT NULL, ` +
        `"subject_kind" text NOT NULL, "subject_id" text NOT NULL, "subject_label" text NOT NULL, "action" text NOT NULL, "changes" jsonb NOT NULL DEFAULT '{}', ` +
        `CONSTRAINT "ck_config_audit_actor_kind" CHECK ("actor_kind" IN ('person', 'api_key', 'system')), ` +
        `CONSTRAINT "ck_config_audit_actor_ids" CHECK (("actor_kind" = 'person') = ("actor_person_id" IS NOT NULL) AND ("actor_kind" = 'api_key') = ("actor_api_key_id" IS NOT NULL)), ` +
        `CONSTRAINT "ck_config_audit_subject_kind" CHECK ("subject_kind" IN ('question_pool', 'survey_policy', 'service_standard', 'point', 'campaign', 'api_key', 'person')), ` +
        `CONSTRAINT "ck_config_audit_action" CHECK ("action" IN ('created', 'changed', 'archived', 'removed', 'published', 'revoked', 'deactivated', 'cancelled')), ` +
        `CONSTRAINT "ck_config_audit_changes" CHECK (jsonb_typeof("changes") = 'object'), ` +
        `CONSTRAINT "pk_config_audit" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_config_audit_occurred" ON "config_audit" ("occurred_at" DESC, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "ix_config_audit_subject" ON "config_audit" ("subject_kind", "subject_id", "occurred_at" DESC, "id" DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "config_audit"`);
  }
}
