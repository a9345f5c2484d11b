import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People who sign in to the console: their accounts, their sessions, the one-time links that
 * set their passwords (first admin, invitation, reset), and the attempts sign-in throttling
 * counts. Tokens and sessions are stored only as hashes.
 */
export class People1796300020000 implements MigrationInterface {
  name = 'People1796300020000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "role" text NOT NULL, "status" text NOT NULL DEFAULT 'invited', "password_hash" text, "slack_user_id" text, "locale" text, "last_sign_in_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_person_locale" CHECK ("locale" IN ('uk', 'ru', 'en')), CONSTRAINT "ck_person_email_lower_case" CHECK ("email" = lower("email")), CONSTRAINT "ck_person_status" CHECK ("status" IN ('invited', 'active', 'deactivated')), CONSTRAINT "ck_person_role" CHECK ("role" IN ('admin', 'supervisor', 'viewer')), CONSTRAINT "pk_person" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_email" ON "person" ("email")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_slack_user_id" ON "person" ("slack_user_id") WHERE "slack_user_id" IS NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "person_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" bytea NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "idle_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_person_session" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_session_token_hash" ON "person_session" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_person_session_person" ON "person_session" ("person_id")`);
    await queryRunner.query(
      `CREATE TABLE "person_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "token_hash" bytea NOT NULL, "person_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_person_token_person" CHECK (("kind" = 'setup') = ("person_id" IS NULL)), CONSTRAINT "ck_person_token_kind" CHECK ("kind" IN ('setup', 'invite', 'reset')), CONSTRAINT "pk_person_token" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_token_hash" ON "person_token" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_person_token_person" ON "person_token" ("person_id")`);
    await queryRunner.query(
      `CREATE TABLE "sign_in_attempt" ("id" BIGSERIAL NOT NULL, "bucket" text NOT NULL, "subject" bytea NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_sign_in_attempt_bucket" CHECK ("bucket" IN ('account', 'address', 'reset')), CONSTRAINT "pk_sign_in_attempt" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sign_in_attempt_at" ON "sign_in_attempt" ("at")`);
    await queryRunner.query(`CREATE INDEX "ix_sign_in_attempt_subject" ON "sign_in_attempt" ("bucket", "subject", "at")`);
    await queryRunner.query(
      `ALTER TABLE "person_session" ADD CONSTRAINT "fk_person_session_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person_token" ADD CONSTRAINT "fk_person_token_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sign_in_attempt"`);
    await queryRunner.query(`DROP TABLE "person_token"`);
    await queryRunner.query(`DROP TABLE "person_session"`);
    await queryRunner.query(`DROP TABLE "person"`);
  }
}
