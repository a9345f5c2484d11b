import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C `traceparent` of the dialogue step that wrote an outgoing message (only when tracing
 * is on), so that its send continues the step's trace. Nullable without a default: adding it
 * rewrites no row.
 */
export class MessageTraceParent1796300040000 implements MigrationInterface {
  name = 'MessageTraceParent1796300040000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "message" ADD "trace_parent" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "trace_parent"`);
  }
}
