import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { PiiCipher } from './pii-cipher';
import { sealedTables } from './sealed-tables';
import { ADVISORY_LOCKS } from '@turbota/common';

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
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.piiKeyLedger]);
      if (!(await tx.query<unknown[]>('SELECT 1 FROM pii_key LIMIT 1')).length) await this.recordFoundInData(tx);
      const recorded = await tx.query<{ key_id: string }[]>('SELECT key_id FROM pii_key WHERE retired_at IS NULL ORDER BY first_used_at, key_id');
      const unknown = recorded.map((r) => r.key_id).filter((id) => !this.cipher.keyIds.includes(id));
      if (unknown.length > 0) {
        const error = new PiiKeyMismatchError(unknown, mismatchMessage(unknown, this.cipher.currentKeyId.toString('hex'), options.generatedKeyFile));
        this.logger.error(error.message);
        throw error;
      }
      await tx.query(
        `INSERT INTO pii_key (key_id) VALUES ($1)
         ON CONFLICT ON CONSTRAINT pk_pii_key DO UPDATE SET last_used_at = now(), retired_at = NULL`,
        [this.cipher.currentKeyId.toString('hex')],
      );
    });
  }

  /** After a re-seal left nothing under another key: those keys need not be configured any more. */
  async retireAllButCurrent(): Promise<void> {
    await this.dataSource.query('UPDATE pii_key SET retired_at = now() WHERE key_id <> $1 AND retired_at IS NULL', [this.cipher.currentKeyId.toString('hex')]);
  }

  /** A database sealed before the table existed: its keys are the ids its sealed values carry (read once). */
  private async recordFoundInData(tx: EntityManager): Promise<void> {
    for (const table of await sealedTables(tx)) {
      for (const { sealed } of table.columns) {
        await tx.query(
          `INSERT INTO pii_key (key_id)
           SELECT DISTINCT encode(substring("${sealed}" from 2 for 4), 'hex') FROM "${table.table}"
           WHERE "${sealed}" IS NOT NULL AND length("${sealed}") > 5 AND get_byte("${sealed}", 0) = 1
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
