import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The invitation cascade: a policy's ordered channels with their waits, the steps decided for
 * each contact (sent, skipped or cancelled, and why), when the next one is due, the step each
 * SMS or e-mail belongs to, and one survey link per link step instead of one per contact.
 */
export class InvitationCascade1796720000000 implements MigrationInterface {
  name = 'InvitationCascade1796720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey_policy" ADD "cascade" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "contact" ADD "cascade_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "ix_contact_cascade_at" ON "contact"  ("cascade_at") WHERE "cascade_at" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "invitation_message" ADD "step_position" integer`);
    await queryRunner.query(`DROP INDEX "public"."uq_survey_link_contact"`);
    await queryRunner.query(`CREATE INDEX "ix_survey_link_contact" ON "survey_link"  ("contact_id") `);
    await queryRunner.query(
      `CREATE TABLE "contact_invitation_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contact_id" uuid NOT NULL, "position" integer NOT NULL, "channel" text NOT NULL, "status" text NOT NULL, "reason" text, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, "next_at" TIMESTAMP WITH TIME ZONE, "conversation_id" uuid, CONSTRAINT "uq_contact_invitation_step_position" UNIQUE ("contact_id", "position"), CONSTRAINT "ck_contact_invitation_step_status" CHECK ("status" IN ('sent', 'skipped', 'cancelled')), CONSTRAINT "pk_contact_invitation_step" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_contact_invitation_step_conversation" ON "contact_invitation_step"  ("conversation_id") `);
    await queryRunner.query(
      `ALTER TABLE "contact_invitation_step" ADD CONSTRAINT "fk_contact_invitation_step_contact" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_invitation_step" ADD CONSTRAINT "fk_contact_invitation_step_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contact_invitation_step" DROP CONSTRAINT "fk_contact_invitation_step_conversation"`);
    await queryRunner.query(`ALTER TABLE "contact_invitation_step" DROP CONSTRAINT "fk_contact_invitation_step_contact"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_invitation_step_conversation"`);
    await queryRunner.query(`DROP TABLE "contact_invitation_step"`);
    // Only the first link of each contact can stay under the unique index.
    await queryRunner.query(`DELETE FROM "survey_link" l USING "survey_link" o WHERE o."contact_id" = l."contact_id" AND o."created_at" < l."created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_link_contact"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_link_contact" ON "survey_link"  ("contact_id") `);
    await queryRunner.query(`ALTER TABLE "invitation_message" DROP COLUMN "step_position"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_cascade_at"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP COLUMN "cascade_at"`);
    await queryRunner.query(`ALTER TABLE "survey_policy" DROP COLUMN "cascade"`);
  }
}
