import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A point of service carries its survey: the policy (and so the pool) its walk-in surveys use,
 * and what a walk-in hears first there. A removed policy leaves the point on the default.
 */
export class PointSurvey1796300010000 implements MigrationInterface {
  name = 'PointSurvey1796300010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "point_of_service" ADD "policy_id" uuid`);
    await queryRunner.query(`ALTER TABLE "point_of_service" ADD "greeting" jsonb`);
    await queryRunner.query(`CREATE INDEX "ix_point_of_service_policy" ON "point_of_service" ("policy_id") `);
    await queryRunner.query(
      `ALTER TABLE "point_of_service" ADD CONSTRAINT "fk_point_of_service_policy" FOREIGN KEY ("policy_id") REFERENCES "survey_policy"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "point_of_service" DROP CONSTRAINT "fk_point_of_service_policy"`);
    await queryRunner.query(`DROP INDEX "ix_point_of_service_policy"`);
    await queryRunner.query(`ALTER TABLE "point_of_service" DROP COLUMN "greeting"`);
    await queryRunner.query(`ALTER TABLE "point_of_service" DROP COLUMN "policy_id"`);
  }
}
