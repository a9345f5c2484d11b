import { MigrationInterface, QueryRunner } from 'typeorm';

export class Incidents1795389895882 implements MigrationInterface {
  name = 'Incidents1795389895882';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "problem" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" SERIAL NOT NULL, "status" text NOT NULL, "version" integer NOT NULL DEFAULT '1', "reason_code" text NOT NULL, "dimension" text NOT NULL, "dimension_value" text NOT NULL, "window_days" integer NOT NULL, "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fixed_at" TIMESTAMP WITH TIME ZONE, "slack_channel" text, "slack_ts" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_problem_dimension" CHECK ("dimension" IN ('point_of_service', 'agent', 'service_type')), CONSTRAINT "ck_problem_status" CHECK ("status" IN ('open', 'investigating', 'fixed')), CONSTRAINT "pk_problem" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_problem_number" ON "problem"  ("number") `);
    await queryRunner.query(`CREATE INDEX "ix_problem_active" ON "problem"  ("reason_code", "dimension", "dimension_value") WHERE "status" IN ('open', 'investigating')`);
    await queryRunner.query(`CREATE INDEX "ix_problem_created" ON "problem"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "problem_event" ("seq" BIGSERIAL NOT NULL, "problem_id" uuid NOT NULL, "action" text NOT NULL, "incident_id" uuid, "from_status" text, "to_status" text NOT NULL, "actor_kind" text NOT NULL, "actor_id" text NOT NULL, "actor_name" text, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "thread_posted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_problem_event_actor_kind" CHECK ("actor_kind" IN ('api_key', 'slack_user', 'customer', 'system')), CONSTRAINT "pk_problem_event" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "ix_problem_event_problem" ON "problem_event"  ("problem_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "incident" ("channel" text NOT NULL, "locale" text NOT NULL, "point_of_service" text, "agent" text, "service_type" text, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" SERIAL NOT NULL, "status" text NOT NULL, "version" integer NOT NULL DEFAULT '1', "priority" text NOT NULL, "escalation_level" integer NOT NULL DEFAULT '0', "justified" boolean, "source" text NOT NULL, "external_id" text, "complaint_id" uuid NOT NULL, "customer_id" uuid, "problem_id" uuid, "reason_code" text, "text" text, "metric" text, "score" smallint, "standard_version" integer NOT NULL, "acknowledge_by" TIMESTAMP WITH TIME ZONE NOT NULL, "resolve_by" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "rejected_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "ack_breached_at" TIMESTAMP WITH TIME ZONE, "resolve_breached_at" TIMESTAMP WITH TIME ZONE, "slack_channel" text, "slack_ts" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_incident_source" CHECK ("source" IN ('dialogue', 'api')), CONSTRAINT "ck_incident_priority" CHECK ("priority" IN ('high', 'normal', 'low')), CONSTRAINT "ck_incident_status" CHECK ("status" IN ('new', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'closed')), CONSTRAINT "pk_incident" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_incident_number" ON "incident"  ("number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_incident_external_id" ON "incident"  ("external_id") WHERE "external_id" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_incident_complaint" ON "incident"  ("complaint_id") `);
    await queryRunner.query(`CREATE INDEX "ix_incident_customer" ON "incident"  ("customer_id") `);
    await queryRunner.query(`CREATE INDEX "ix_incident_problem" ON "incident"  ("problem_id") `);
    await queryRunner.query(`CREATE INDEX "ix_incident_resolve_due" ON "incident"  ("resolve_by") WHERE "status" IN ('new', 'acknowledged', 'in_progress') AND "resolve_breached_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_incident_ack_due" ON "incident"  ("acknowledge_by") WHERE "status" = 'new' AND "ack_breached_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_incident_problem_match" ON "incident"  ("reason_code", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_incident_created" ON "incident"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "incident_event" ("seq" BIGSERIAL NOT NULL, "incident_id" uuid NOT NULL, "action" text NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_kind" text NOT NULL, "actor_id" text NOT NULL, "actor_name" text, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "thread_posted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_incident_event_actor_kind" CHECK ("actor_kind" IN ('api_key', 'slack_user', 'customer', 'system')), CONSTRAINT "pk_incident_event" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "ix_incident_event_incident" ON "incident_event"  ("incident_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "staff_notice" ("seq" BIGSERIAL NOT NULL, "kind" text NOT NULL, "incident_id" uuid, "problem_id" uuid, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_staff_notice_incident" CHECK ("kind" NOT IN ('incident_changed', 'sla_breached') OR "incident_id" IS NOT NULL), CONSTRAINT "ck_staff_notice_subject" CHECK (("kind" IN ('problem_detected', 'problem_changed')) = ("problem_id" IS NOT NULL)), CONSTRAINT "ck_staff_notice_status" CHECK ("status" IN ('pending', 'sent', 'failed')), CONSTRAINT "ck_staff_notice_kind" CHECK ("kind" IN ('incident_changed', 'sla_breached', 'problem_detected', 'problem_changed')), CONSTRAINT "pk_staff_notice" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "ix_staff_notice_incident" ON "staff_notice"  ("incident_id") `);
    await queryRunner.query(`CREATE INDEX "ix_staff_notice_problem" ON "staff_notice"  ("problem_id") `);
    await queryRunner.query(`CREATE INDEX "ix_staff_notice_pending" ON "staff_notice"  ("next_attempt_at", "seq") WHERE "status" = 'pending'`);
    await queryRunner.query(`ALTER TABLE "problem_event" ADD CONSTRAINT "fk_problem_event_problem" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incident" ADD CONSTRAINT "fk_incident_complaint" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incident" ADD CONSTRAINT "fk_incident_customer" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incident" ADD CONSTRAINT "fk_incident_problem" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incident_event" ADD CONSTRAINT "fk_incident_event_incident" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "staff_notice" ADD CONSTRAINT "fk_staff_notice_incident" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "staff_notice" ADD CONSTRAINT "fk_staff_notice_problem" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_notice" DROP CONSTRAINT "fk_staff_notice_problem"`);
    await queryRunner.query(`ALTER TABLE "staff_notice" DROP CONSTRAINT "fk_staff_notice_incident"`);
    await queryRunner.query(`ALTER TABLE "incident_event" DROP CONSTRAINT "fk_incident_event_incident"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP CONSTRAINT "fk_incident_problem"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP CONSTRAINT "fk_incident_customer"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP CONSTRAINT "fk_incident_complaint"`);
    await queryRunner.query(`ALTER TABLE "problem_event" DROP CONSTRAINT "fk_problem_event_problem"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_notice_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_notice_problem"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_notice_incident"`);
    await queryRunner.query(`DROP TABLE "staff_notice"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_event_incident"`);
    await queryRunner.query(`DROP TABLE "incident_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_problem_match"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_ack_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_resolve_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_problem"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_customer"`);
    await queryRunner.query(`DROP INDEX "public"."uq_incident_complaint"`);
    await queryRunner.query(`DROP INDEX "public"."uq_incident_external_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_incident_number"`);
    await queryRunner.query(`DROP TABLE "incident"`);
    await queryRunner.query(`DROP INDEX "public"."ix_problem_event_problem"`);
    await queryRunner.query(`DROP TABLE "problem_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_problem_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_problem_active"`);
    await queryRunner.query(`DROP INDEX "public"."uq_problem_number"`);
    await queryRunner.query(`DROP TABLE "problem"`);
  }
}
