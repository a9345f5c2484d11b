import { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomerErasure1795390095083 implements MigrationInterface {
  name = 'CustomerErasure1795390095083';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "erased_at"`);
  }
}
