import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An incident's owner: the person (a supervisor or an admin) who works it, and on its audit rows
 * the person an `assign` gave it to or an `unassign` took it from.
 */
export class IncidentOwners1796300031000 implements MigrationInterface {
  name = 'IncidentOwners1796300031000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident" ADD "owner_person_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_incident_owner" ON "incident" ("owner_person_id")`);
    await queryRunner.query(
      `ALTER TABLE "incident" ADD CONSTRAINT "fk_incident_owner_person" FOREIGN KEY ("owner_person_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "incident_event" ADD "owner_person_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "incident_event" ADD CONSTRAINT "fk_incident_event_owner_person" FOREIGN KEY ("owner_person_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident_event" DROP CONSTRAINT "fk_incident_event_owner_person"`);
    await queryRunner.query(`ALTER TABLE "incident_event" DROP COLUMN "owner_person_id"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP CONSTRAINT "fk_incident_owner_person"`);
    await queryRunner.query(`DROP INDEX "ix_incident_owner"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "owner_person_id"`);
  }
}
