import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['incident_event', 'problem_event'] as const;

/** People signed in to the console act on incidents and problems in their own name. */
export class PersonActors1796300021000 implements MigrationInterface {
  name = 'PersonActors1796300021000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "ck_${table}_actor_kind"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "ck_${table}_actor_kind" CHECK ("actor_kind" IN ('api_key', 'person', 'slack_user', 'customer', 'system'))`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "ck_${table}_actor_kind"`);
      // The older schema knows no people: their rows keep the id and the name, under the kind it shows by name.
      await queryRunner.query(`UPDATE "${table}" SET "actor_kind" = 'api_key' WHERE "actor_kind" = 'person'`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "ck_${table}_actor_kind" CHECK ("actor_kind" IN ('api_key', 'slack_user', 'customer', 'system'))`,
      );
    }
  }
}
