import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal survey links (only each token's SHA-256, one per contact, the conversation it
 * opened) and invitations sent outside the messengers (SMS), whose recipient is read from the
 * contact's sealed phone when sent and whose link token stays sealed until then. Both refer
 * to their contact with a deferred check: the contact row is written after them.
 */
export class SurveyLinks1796624522765 implements MigrationInterface {
  name = 'SurveyLinks1796624522765';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "survey_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contact_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE, "opened_on" text, "conversation_id" uuid, CONSTRAINT "pk_survey_link" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_link_contact" ON "survey_link"  ("contact_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_link_token_hash" ON "survey_link"  ("token_hash") `);
    await queryRunner.query(`CREATE TABLE "invitation_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contact_id" uuid NOT NULL, "channel" text NOT NULL, "provider" text NOT NULL, "token_sealed" bytea, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "provider_message_id" text, "encoding" text, "segments" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "reported_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_invitation_message_status" CHECK ("status" IN ('pending', 'accepted', 'sent', 'delivered', 'failed')), CONSTRAINT "ck_invitation_message_channel" CHECK ("channel" IN ('sms')), CONSTRAINT "pk_invitation_message" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_invitation_message_contact" ON "invitation_message"  ("contact_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invitation_message_provider_id" ON "invitation_message"  ("provider", "provider_message_id") WHERE "provider_message_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_invitation_message_due" ON "invitation_message"  ("next_attempt_at") WHERE "status" = 'pending'`);
    await queryRunner.query(`ALTER TABLE "survey_link" ADD CONSTRAINT "fk_survey_link_contact" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`);
    await queryRunner.query(`ALTER TABLE "survey_link" ADD CONSTRAINT "fk_survey_link_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invitation_message" ADD CONSTRAINT "fk_invitation_message_contact" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitation_message" DROP CONSTRAINT "fk_invitation_message_contact"`);
    await queryRunner.query(`ALTER TABLE "survey_link" DROP CONSTRAINT "fk_survey_link_conversation"`);
    await queryRunner.query(`ALTER TABLE "survey_link" DROP CONSTRAINT "fk_survey_link_contact"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitation_message_due"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invitation_message_provider_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitation_message_contact"`);
    await queryRunner.query(`DROP TABLE "invitation_message"`);
    await queryRunner.query(`DROP INDEX "public"."uq_survey_link_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."uq_survey_link_contact"`);
    await queryRunner.query(`DROP TABLE "survey_link"`);
  }
}
