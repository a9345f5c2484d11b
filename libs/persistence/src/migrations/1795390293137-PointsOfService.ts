import { MigrationInterface, QueryRunner } from 'typeorm';

export class PointsOfService1795390293137 implements MigrationInterface {
  name = 'PointsOfService1795390293137';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "point_of_service" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "address" text, "time_zone" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_point_of_service_code" CHECK ("code" ~ '^[A-Za-z0-9_-]{1,64}$'), CONSTRAINT "pk_point_of_service" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_point_of_service_code" ON "point_of_service"  ("code") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_point_of_service_code"`);
    await queryRunner.query(`DROP TABLE "point_of_service"`);
  }
}
