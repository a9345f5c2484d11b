import { MigrationInterface, QueryRunner } from 'typeorm';

/** Invitations by WhatsApp's approved template beside those by SMS and e-mail: the same row, its recipient read from the contact's sealed phone. */
export class WhatsappInvitations1796710000000 implements MigrationInterface {
  name = 'WhatsappInvitations1796710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitation_message" DROP CONSTRAINT "ck_invitation_message_channel"`);
    await queryRunner.query(`ALTER TABLE "invitation_message" ADD CONSTRAINT "ck_invitation_message_channel" CHECK ("channel" IN ('sms', 'email', 'whatsapp'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "invitation_message" WHERE "channel" = 'whatsapp'`);
    await queryRunner.query(`ALTER TABLE "invitation_message" DROP CONSTRAINT "ck_invitation_message_channel"`);
    await queryRunner.query(`ALTER TABLE "invitation_message" ADD CONSTRAINT "ck_invitation_message_channel" CHECK ("channel" IN ('sms', 'email'))`);
  }
}
