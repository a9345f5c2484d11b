import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervisors' notices that wait for a digest (incidents from anonymous channels past their
 * rate), the time an SLA announcement used its `<!here>` mention (the mentions' budget), and
 * the complaint a `customer_statement` audit row adds to its incident.
 */
export class IncidentDigest1796300002000 implements MigrationInterface {
  name = 'IncidentDigest1796300002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_notice" DROP CONSTRAINT "ck_staff_notice_kind"`);
    await queryRunner.query(`ALTER TABLE "staff_notice" DROP CONSTRAINT "ck_staff_notice_incident"`);
    await queryRunner.query(`ALTER TABLE "staff_notice" ADD "mentioned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "staff_notice" ADD CONSTRAINT "ck_staff_notice_kind" CHECK ("kind" IN ('incident_changed', 'sla_breached', 'problem_detected', 'problem_changed', 'incident_digest'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff_notice" ADD CONSTRAINT "ck_staff_notice_incident" CHECK ("kind" NOT IN ('incident_changed', 'sla_breached', 'incident_digest') OR "incident_id" IS NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_staff_notice_mentioned" ON "staff_notice" ("mentioned_at") WHERE "mentioned_at" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_staff_notice_digest_due" ON "staff_notice" ("next_attempt_at", "seq") WHERE "status" = 'pending' AND "kind" = 'incident_digest'`);
    await queryRunner.query(`ALTER TABLE "incident_event" ADD "complaint_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "incident_event" ADD CONSTRAINT "fk_incident_event_complaint" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident_event" DROP CONSTRAINT "fk_incident_event_complaint"`);
    await queryRunner.query(`ALTER TABLE "incident_event" DROP COLUMN "complaint_id"`);
    await queryRunner.query(`DROP INDEX "ix_staff_notice_digest_due"`);
    await queryRunner.query(`DROP INDEX "ix_staff_notice_mentioned"`);
    await queryRunner.query(`DELETE FROM "staff_notice" WHERE "kind" = 'incident_digest'`);
    await queryRunner.query(`ALTER TABLE "staff_notice" DROP CONSTRAINT "ck_staff_notice_incident"`);
    await queryRunner.query(`ALTER TABLE "staff_notice" DROP CONSTRAINT "ck_staff_notice_kind"`);
    await queryRunner.query(`ALTER TABLE "staff_notice" DROP COLUMN "mentioned_at"`);
    await queryRunner.query(
      `ALTER TABLE "staff_notice" ADD CONSTRAINT "ck_staff_notice_kind" CHECK ("kind" IN ('incident_changed', 'sla_breached', 'problem_detected', 'problem_changed'))`,
    );
    await queryRunner.query(`ALTER TABLE "staff_notice" ADD CONSTRAINT "ck_staff_notice_incident" CHECK ("kind" NOT IN ('incident_changed', 'sla_breached') OR "incident_id" IS NOT NULL)`);
  }
}
