import { MigrationInterface, QueryRunner } from 'typeorm';

export class InboundQueue1796200000000 implements MigrationInterface {
  name = 'InboundQueue1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inbound_update" ("id" BIGSERIAL NOT NULL, "channel" text NOT NULL, "address" text NOT NULL, "input_key" text NOT NULL, "event" bytea NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "failed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_inbound_update_key" UNIQUE ("channel", "address", "input_key"), CONSTRAINT "pk_inbound_update" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_inbound_update_address" ON "inbound_update" ("channel", "address", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_update_address"`);
    await queryRunner.query(`DROP TABLE "inbound_update"`);
  }
}
