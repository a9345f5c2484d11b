import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliveryReceipts1795371846535 implements MigrationInterface {
  name = 'DeliveryReceipts1795371846535';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "message" ADD "delivered_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "message" ADD "seen_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "ix_message_platform_id" ON "message"  ("channel", "platform_message_id") WHERE "platform_message_id" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_message_platform_id"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "seen_at"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "delivered_at"`);
  }
}
