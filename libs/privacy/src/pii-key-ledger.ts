import { Logger } from '@nestjs/common';
import { sql } from 'kysely';
import type { DataSource, EntityManager } from 'typeorm';
import { PiiCipher } from './pii-cipher';
import { sealedTables } from './sealed-tables';
import { ADVISORY_LOCKS } from '@turbota/common';
import { execute, executeTakeFirst, qb } from '@turbota/persistence';

/** Thrown at start-up when the database holds values sealed with keys this process does not have. */
export class PiiKeyMismatchError extends Error {
  constructor(
    readonly unknownKeyIds: string[],
    message: string,
  ) {
    super(message);
    this.name = 'PiiKeyMismatchError';
  }
}

/**
 * The `pii_key` table: the ids of the keys that sealed this database's personal data. A
 * process checks it before serving, so that one started with another key (or a key
 * generated into a fresh DATA_DIR) stops at once instead of failing on every value it reads.
 */
export class PiiKeyLedger {
  private readonly logger = new Logger('Privacy');

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  /**
   * Throws {@link PiiKeyMismatchError} when a key recorded (and not retired) is neither the
   * current key nor a previous one; otherwise records the current key as the one sealing now.
   * `generatedKeyFile`: where the current key came from when PII_ENCRYPTION_KEY is unset.
   */
  async verify(options: { generatedKeyFile?: string } = {}): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      // Several processes may start at once against one database; they take turns here.
      await execute(tx, sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.piiKeyLedger})`);
      if (!(await executeTakeFirst(tx, qb.selectFrom('pii_key').select('key_id').limit(1)))) await this.recordFoundInData(tx);
      const recorded = await execute(tx, qb.selectFrom('pii_key').select('key_id').where('retired_at', 'is', null).orderBy('first_used_at').orderBy('key_id'));
      const unknown = recorded.map((r) => r.key_id).filter((id) => !this.cipher.keyIds.includes(id));
      if (unknown.length > 0) {
        const error = new PiiKeyMismatchError(unknown, mismatchMessage(unknown, this.cipher.currentKeyId.toString('hex'), options.generatedKeyFile));
        this.logger.error(error.message);
        throw error;
      }
      await execute(
        tx,
        qb
          .insertInto('pii_key')
          .values({ key_id: this.cipher.currentKeyId.toString('hex') })
          .onConflict((oc) => oc.constraint('pk_pii_key').doUpdateSet({ last_used_at: sql`now()`, retired_at: null })),
      );
    });
  }

  /** After a re-seal left nothing under another key: those keys need not be configured any more. */
  async retireAllButCurrent(): Promise<void> {
    await execute(
      this.dataSource,
      qb
        .updateTable('pii_key')
        .set({ retired_at: sql`now()` })
        .where('key_id', '<>', this.cipher.currentKeyId.toString('hex'))
        .where('retired_at', 'is', null),
    );
  }

  /** A database sealed before the table existed: its keys are the ids its sealed values carry (read once). */
  private async recordFoundInData(tx: EntityManager): Promise<void> {
    for (const table of await sealedTables(tx)) {
      for (const { sealed } of table.columns) {
        // The tables and columns come from the catalogue, not from the generated types.
        const column = sql.id(sealed);
        await execute(
          tx,
          sql`INSERT INTO pii_key (key_id)
              SELECT DISTINCT encode(substring(${column} from 2 for 4), 'hex') FROM ${sql.id(table.table)}
              WHERE ${column} IS NOT NULL AND length(${column}) > 5 AND get_byte(${column}, 0) = 1
              ON CONFLICT ON CONSTRAINT pk_pii_key DO NOTHING`,
        );
      }
    }
  }
}

function mismatchMessage(unknown: string[], current: string, generatedKeyFile: string | undefined): string {
  const source = generatedKeyFile
    ? `PII_ENCRYPTION_KEY is not set, and the key generated into ${generatedKeyFile} (key id ${current}) is not the one`
    : `PII_ENCRYPTION_KEY (key id ${current}) and PII_ENCRYPTION_KEYS_PREVIOUS do not include the key`;
  return (
    `Refusing to start: ${source} that sealed personal data in this database (key id ${unknown.join(', ')}). ` +
    'Set PII_ENCRYPTION_KEY to the key the other processes use, or, during a rotation, list the old key in PII_ENCRYPTION_KEYS_PREVIOUS.'
  );
}
