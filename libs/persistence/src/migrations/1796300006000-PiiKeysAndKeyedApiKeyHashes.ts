import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records the PII keys that sealed values (filled at the next start from the key ids the
 * sealed values carry), and stops keeping the first characters of API keys: the keys' keyed
 * fingerprints are written when each key is next used (no plaintext exists to compute them now).
 */
export class PiiKeysAndKeyedApiKeyHashes1796300006000 implements MigrationInterface {
  name = 'PiiKeysAndKeyedApiKeyHashes1796300006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pii_key" ("key_id" text NOT NULL, "first_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_pii_key" PRIMARY KEY ("key_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "api_key" RENAME COLUMN "key_prefix" TO "key_fingerprint"`);
    await queryRunner.query(`ALTER TABLE "api_key" ALTER COLUMN "key_fingerprint" DROP NOT NULL`);
    await queryRunner.query(`UPDATE "api_key" SET "key_fingerprint" = NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "api_key" SET "key_fingerprint" = 'unknown' WHERE "key_fingerprint" IS NULL`);
    await queryRunner.query(`ALTER TABLE "api_key" ALTER COLUMN "key_fingerprint" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "api_key" RENAME COLUMN "key_fingerprint" TO "key_prefix"`);
    await queryRunner.query(`DROP TABLE "pii_key"`);
  }
}
