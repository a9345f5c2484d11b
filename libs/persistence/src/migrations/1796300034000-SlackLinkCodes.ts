import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time codes with which a person links the Slack user who types them (kept only as their
 * SHA-256, one per person), and the sign-in throttle's bucket for wrong codes per Slack user.
 */
export class SlackLinkCodes1796300034000 implements MigrationInterface {
  name = 'SlackLinkCodes1796300034000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "slack_link_code" ("person_id" uuid NOT NULL, "code_hash" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_slack_link_code" PRIMARY KEY ("person_id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_slack_link_code_hash" ON "slack_link_code" ("code_hash")`);
    await queryRunner.query(
      `ALTER TABLE "slack_link_code" ADD CONSTRAINT "fk_slack_link_code_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "sign_in_attempt" DROP CONSTRAINT "ck_sign_in_attempt_bucket"`);
    await queryRunner.query(`ALTER TABLE "sign_in_attempt" ADD CONSTRAINT "ck_sign_in_attempt_bucket" CHECK ("bucket" IN ('account', 'address', 'reset', 'slack-link'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "sign_in_attempt" WHERE "bucket" = 'slack-link'`);
    await queryRunner.query(`ALTER TABLE "sign_in_attempt" DROP CONSTRAINT "ck_sign_in_attempt_bucket"`);
    await queryRunner.query(`ALTER TABLE "sign_in_attempt" ADD CONSTRAINT "ck_sign_in_attempt_bucket" CHECK ("bucket" IN ('account', 'address', 'reset'))`);
    await queryRunner.query(`DROP TABLE "slack_link_code"`);
  }
}
