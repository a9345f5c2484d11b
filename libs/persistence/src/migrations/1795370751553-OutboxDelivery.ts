import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxDelivery1795370751553 implements MigrationInterface {
  name = 'OutboxDelivery1795370751553';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "message" ADD "platform_message_id" text`);
    // TypeORM does not compare check expressions, so this change is written by hand.
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "ck_conversation_status"`);
    await queryRunner.query(
      `ALTER TABLE "conversation" ADD CONSTRAINT "ck_conversation_status" CHECK ("status" IN ('open', 'completed', 'stopped', 'expired', 'unreachable'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "ck_conversation_status"`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD CONSTRAINT "ck_conversation_status" CHECK ("status" IN ('open', 'completed', 'stopped', 'expired'))`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "platform_message_id"`);
  }
}
