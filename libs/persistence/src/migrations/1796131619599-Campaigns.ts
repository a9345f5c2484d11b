import { MigrationInterface, QueryRunner } from 'typeorm';

export class Campaigns1796131619599 implements MigrationInterface {
  name = 'Campaigns1796131619599';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "campaign" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "policy_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'active', "channel" text, "requested_size" integer, "requested_share" double precision, "eligible" integer NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "window_end" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_campaign_sample" CHECK (("requested_size" IS NULL) <> ("requested_share" IS NULL)), CONSTRAINT "ck_campaign_window" CHECK ("window_end" > "window_start"), CONSTRAINT "ck_campaign_status" CHECK ("status" IN ('active', 'cancelled')), CONSTRAINT "pk_campaign" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_campaign_policy" ON "campaign"  ("policy_id") `);
    await queryRunner.query(`CREATE TABLE "campaign_member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "customer_id" uuid, "identity_id" uuid, "channel" text NOT NULL, "send_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "conversation_id" uuid, "respond_by" TIMESTAMP WITH TIME ZONE, "non_responder_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, CONSTRAINT "ck_campaign_member_cancel_reason" CHECK ("cancel_reason" IN ('opted_out', 'unreachable', 'campaign_cancelled')), CONSTRAINT "pk_campaign_member" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_campaign_member_customer" ON "campaign_member"  ("customer_id") `);
    await queryRunner.query(`CREATE INDEX "ix_campaign_member_respond_by" ON "campaign_member"  ("respond_by") WHERE "respond_by" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_campaign_member_due" ON "campaign_member"  ("send_at") WHERE "sent_at" IS NULL AND "cancelled_at" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_campaign_member_customer" ON "campaign_member"  ("campaign_id", "customer_id") `);
    await queryRunner.query(`ALTER TABLE "campaign" ADD CONSTRAINT "fk_campaign_policy" FOREIGN KEY ("policy_id") REFERENCES "survey_policy"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "campaign_member" ADD CONSTRAINT "fk_campaign_member_campaign" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "campaign_member" ADD CONSTRAINT "fk_campaign_member_customer" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "campaign_member" ADD CONSTRAINT "fk_campaign_member_identity" FOREIGN KEY ("identity_id") REFERENCES "customer_identity"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "campaign_member" ADD CONSTRAINT "fk_campaign_member_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "campaign_member" DROP CONSTRAINT "fk_campaign_member_conversation"`);
    await queryRunner.query(`ALTER TABLE "campaign_member" DROP CONSTRAINT "fk_campaign_member_identity"`);
    await queryRunner.query(`ALTER TABLE "campaign_member" DROP CONSTRAINT "fk_campaign_member_customer"`);
    await queryRunner.query(`ALTER TABLE "campaign_member" DROP CONSTRAINT "fk_campaign_member_campaign"`);
    await queryRunner.query(`ALTER TABLE "campaign" DROP CONSTRAINT "fk_campaign_policy"`);
    await queryRunner.query(`DROP INDEX "public"."uq_campaign_member_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_campaign_member_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_campaign_member_respond_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_campaign_member_customer"`);
    await queryRunner.query(`DROP TABLE "campaign_member"`);
    await queryRunner.query(`DROP INDEX "public"."ix_campaign_policy"`);
    await queryRunner.query(`DROP TABLE "campaign"`);
  }
}
