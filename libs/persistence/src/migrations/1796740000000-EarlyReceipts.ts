import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports that overtake the answer to their send (WhatsApp's statuses come within milliseconds)
 * were lost: no message carried their id yet. They are held here until it does.
 */
export class EarlyReceipts1796740000000 implements MigrationInterface {
  name = 'EarlyReceipts1796740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "early_receipt" ("kind" text NOT NULL, "source" text NOT NULL, "message_id" text NOT NULL, "status" text NOT NULL, "detail" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_early_receipt_kind" CHECK ("kind" IN ('channel', 'provider')), CONSTRAINT "pk_early_receipt" PRIMARY KEY ("kind", "source", "message_id", "status"))`);
    await queryRunner.query(`CREATE INDEX "ix_early_receipt_received" ON "early_receipt"  ("received_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_early_receipt_received"`);
    await queryRunner.query(`DROP TABLE "early_receipt"`);
  }
}
