import { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceStandard1796130471233 implements MigrationInterface {
  name = 'ServiceStandard1796130471233';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "standard_version" ("version" integer NOT NULL, "content" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" text NOT NULL, CONSTRAINT "pk_standard_version" PRIMARY KEY ("version"))`);
    await queryRunner.query(`CREATE TABLE "customer_phrase" ("customer_id" uuid NOT NULL, "phrase_key" text NOT NULL, "last_variant" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_customer_phrase" PRIMARY KEY ("customer_id", "phrase_key"))`);
    await queryRunner.query(`ALTER TABLE "customer_phrase" ADD CONSTRAINT "fk_customer_phrase_customer" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_phrase" DROP CONSTRAINT "fk_customer_phrase_customer"`);
    await queryRunner.query(`DROP TABLE "customer_phrase"`);
    await queryRunner.query(`DROP TABLE "standard_version"`);
  }
}
