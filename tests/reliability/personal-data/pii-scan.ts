import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';

/** One piece of personal data a test planted, and how it may be written. */
export interface Secret {
  label: string;
  forms: string[];
}

/** A phone in E.164 (`+380671234567`) and the ways people and systems write it. */
export function phoneForms(e164: string): string[] {
  const digits = e164.slice(1);
  const national = `0${digits.slice(3)}`;
  const spaced = `${digits.slice(3, 5)} ${digits.slice(5, 8)} ${digits.slice(8, 10)} ${digits.slice(10)}`;
  return [e164, digits, national, `+380 ${spaced}`, `0${spaced}`, `(0${digits.slice(3, 5)}) ${digits.slice(5, 8)}-${digits.slice(8, 10)}-${digits.slice(10)}`];
}

/** Which secrets (by label and form) occur in the text, case-blind. */
export function findSecrets(text: string, secrets: Secret[]): string[] {
  const lower = text.toLowerCase();
  return secrets.flatMap((s) => s.forms.filter((f) => lower.includes(f.toLowerCase())).map((f) => `${s.label}: "${f}"`));
}

/** What a scan of the database found: where each secret sits, and how much was read. */
export interface DumpScan {
  tables: number;
  rows: number;
  /** `table: secret` for every hit. */
  hits: string[];
}

/**
 * Reads every row of every table as text (`row::text`, which prints bytea as hex), and every
 * bytea value decoded as UTF-8 as well, and reports where any secret occurs. Works the same
 * on PGlite and PostgreSQL: only information_schema and plain SELECTs.
 */
export async function scanDatabase(db: DataSource, secrets: Secret[]): Promise<DumpScan> {
  const tables = await db.query<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const bytea = await db.query<{ table_name: string; column_name: string }[]>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type = 'bytea'`,
  );
  const scan: DumpScan = { tables: tables.length, rows: 0, hits: [] };
  for (const { table_name: table } of tables) {
    const rows = await db.query<{ row: string }[]>(`SELECT t::text AS row FROM "${table}" t`);
    scan.rows += rows.length;
    for (const { row } of rows) for (const hit of findSecrets(row, secrets)) scan.hits.push(`${table}: ${hit}`);
    for (const { column_name: column } of bytea.filter((b) => b.table_name === table)) {
      const values = await db.query<{ v: Buffer | null }[]>(`SELECT "${column}" AS v FROM "${table}"`);
      for (const { v } of values) {
        if (!v) continue;
        for (const hit of findSecrets(`${v.toString('utf8')}\n${v.toString('latin1')}`, secrets)) scan.hits.push(`${table}.${column} (bytes): ${hit}`);
      }
    }
  }
  return scan;
}

/** `pg_dump` of a PostgreSQL database as plain SQL, or null when the binary is not installed. */
export async function pgDump(url: string): Promise<string | null> {
  const binary = ['/usr/bin/pg_dump', '/usr/local/bin/pg_dump'].find((p) => existsSync(p));
  if (!binary) return null;
  const { stdout } = await promisify(execFile)(binary, ['--no-owner', '--data-only', url], { maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}
