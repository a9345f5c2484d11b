import { MigrationInterface, QueryRunner } from 'typeorm';

export class SenderLease1796200002000 implements MigrationInterface {
  name = 'SenderLease1796200002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_sender_lease" ("channel" text NOT NULL, "holder" text NOT NULL, "lease_until" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_outbox_sender_lease" PRIMARY KEY ("channel"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "outbox_sender_lease"`);
  }
}
