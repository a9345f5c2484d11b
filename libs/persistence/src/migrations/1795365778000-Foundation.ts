import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795365778000 implements MigrationInterface {
  name = 'Foundation1795365778000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "role" text NOT NULL, "key_hash" bytea NOT NULL, "key_prefix" text NOT NULL, "source" text NOT NULL DEFAULT 'api', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_api_key_source" CHECK ("source" IN ('api', 'env', 'generated')), CONSTRAINT "ck_api_key_role" CHECK ("role" IN ('admin', 'supervisor', 'viewer', 'integration')), CONSTRAINT "pk_api_key" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_key_hash" ON "api_key"  ("key_hash") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_api_key_hash"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
