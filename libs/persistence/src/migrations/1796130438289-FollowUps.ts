import { MigrationInterface, QueryRunner } from 'typeorm';

/** Conversations of a third kind: the follow-up asking a customer whether their resolved incident is solved. */
export class FollowUps1796130438289 implements MigrationInterface {
  name = 'FollowUps1796130438289';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "ck_conversation_kind"`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD CONSTRAINT "ck_conversation_kind" CHECK ("kind" IN ('survey', 'feedback', 'follow_up'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "ck_conversation_kind"`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD CONSTRAINT "ck_conversation_kind" CHECK ("kind" IN ('survey', 'feedback'))`);
  }
}
