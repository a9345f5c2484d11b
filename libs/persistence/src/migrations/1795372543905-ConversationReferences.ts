import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConversationReferences1795372543905 implements MigrationInterface {
  name = 'ConversationReferences1795372543905';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_identity" ADD "reference" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_identity" DROP COLUMN "reference"`);
  }
}
