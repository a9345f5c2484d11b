import { MigrationInterface, QueryRunner } from 'typeorm';

export class Contacts1795387740969 implements MigrationInterface {
  name = 'Contacts1795387740969';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "contact" ("channel" text NOT NULL, "locale" text NOT NULL, "point_of_service" text, "agent" text, "service_type" text, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "external_id" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "customer_id" uuid, "identity_id" uuid, "phone_sealed" bytea, "phone_index" bytea, "email_sealed" bytea, "email_index" bytea, "decision" text NOT NULL, "reason" text, "last_survey_at" TIMESTAMP WITH TIME ZONE, "policy_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, "send_at" TIMESTAMP WITH TIME ZONE, "invited_at" TIMESTAMP WITH TIME ZONE, "conversation_id" uuid, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "respond_by" TIMESTAMP WITH TIME ZONE, "remind_at" TIMESTAMP WITH TIME ZONE, "reminded_at" TIMESTAMP WITH TIME ZONE, "non_responder_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_contact_cancel_reason" CHECK ("cancel_reason" IN ('opted_out', 'unreachable', 'no_policy')), CONSTRAINT "ck_contact_reason_when_skipped" CHECK (("decision" = 'skipped') = ("reason" IS NOT NULL)), CONSTRAINT "ck_contact_reason" CHECK ("reason" IN ('no_channel', 'opted_out', 'unreachable', 'no_policy', 'cool_down', 'sampled_out')), CONSTRAINT "ck_contact_decision" CHECK ("decision" IN ('invited', 'scheduled', 'skipped')), CONSTRAINT "pk_contact" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_contact_external_id" ON "contact"  ("external_id") `);
    await queryRunner.query(`CREATE INDEX "ix_contact_customer" ON "contact"  ("customer_id") `);
    await queryRunner.query(`CREATE INDEX "ix_contact_phone_index" ON "contact"  ("phone_index") `);
    await queryRunner.query(`CREATE INDEX "ix_contact_email_index" ON "contact"  ("email_index") `);
    await queryRunner.query(`CREATE INDEX "ix_contact_conversation" ON "contact"  ("conversation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_contact_remind_at" ON "contact"  ("remind_at") WHERE "remind_at" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_contact_respond_by" ON "contact"  ("respond_by") WHERE "respond_by" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_contact_due" ON "contact"  ("send_at") WHERE "decision" = 'scheduled' AND "invited_at" IS NULL AND "cancelled_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "survey_policy" ADD "reminder_after_minutes" integer`);
    await queryRunner.query(`ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_customer" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_identity" FOREIGN KEY ("identity_id") REFERENCES "customer_identity"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_policy" FOREIGN KEY ("policy_id") REFERENCES "survey_policy"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_conversation"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_policy"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_identity"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_customer"`);
    await queryRunner.query(`ALTER TABLE "survey_policy" DROP COLUMN "reminder_after_minutes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_respond_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_remind_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_conversation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_email_index"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_phone_index"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_customer"`);
    await queryRunner.query(`DROP INDEX "public"."uq_contact_external_id"`);
    await queryRunner.query(`DROP TABLE "contact"`);
  }
}
