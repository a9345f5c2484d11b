import { MigrationInterface, QueryRunner } from 'typeorm';

/** Invitations by e-mail beside those by SMS: the same row, its recipient read from the contact's sealed e-mail. */
export class EmailInvitations1796700000000 implements MigrationInterface {
  name = 'EmailInvitations1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitation_message" DROP CONSTRAINT "ck_invitation_message_channel"`);
    await queryRunner.query(`ALTER TABLE "invitation_message" ADD CONSTRAINT "ck_invitation_message_channel" CHECK ("channel" IN ('sms', 'email'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "invitation_message" WHERE "channel" = 'email'`);
    await queryRunner.query(`ALTER TABLE "invitation_message" DROP CONSTRAINT "ck_invitation_message_channel"`);
    await queryRunner.query(`ALTER TABLE "invitation_message" ADD CONSTRAINT "ck_invitation_message_channel" CHECK ("channel" IN ('sms'))`);
  }
}
