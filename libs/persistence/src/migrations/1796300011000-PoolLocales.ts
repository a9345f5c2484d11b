import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The languages each version of a question pool is given in; the versions written before
 * had every text in uk, ru and en.
 */
export class PoolLocales1796300011000 implements MigrationInterface {
  name = 'PoolLocales1796300011000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "question_pool_version" ADD "locales" text array NOT NULL DEFAULT '{uk,ru,en}'`);
    // Only the existing rows take the default: a new version always names its languages.
    await queryRunner.query(`ALTER TABLE "question_pool_version" ALTER COLUMN "locales" DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "question_pool_version" DROP COLUMN "locales"`);
  }
}
