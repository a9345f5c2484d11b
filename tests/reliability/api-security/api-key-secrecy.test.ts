import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { DatabaseHandle } from '@turbota/persistence';
import { apiCall, startTestApp, TestApp } from '../../support/test-app';
import { databaseKind, openTestDatabase } from '../../support/test-database';
import { recordFigures } from './support';

jest.setTimeout(60_000);

// A key a person chose, 25 characters, no digits (so no timestamp in a log line can look like a piece of it).
const CHOSEN_ADMIN_KEY = 'Zq-Pelikan-Morozyvo-Xw-Vt';
const LEGACY_KEY = 'Legacy-Chornomorka-Qx-Jv';
const PII_A = 'c3'.repeat(32);
const PII_B = 'd4'.repeat(32);
const sha256 = (key: string) => createHash('sha256').update(key, 'utf8').digest();
/** Every run of `length` characters of the key: none may show anywhere. */
const piecesOf = (key: string, length = 5) => Array.from({ length: key.length - length + 1 }, (_, i) => key.slice(i, i + length));

interface KeyRow {
  id: string;
  name: string;
  key_hash: Buffer;
  key_fingerprint: string | null;
}

describe(`API key secrecy (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let t: TestApp | undefined;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await t?.close({ closeDatabase: false });
    await database.close();
    recordFigures('apiKeySecrecy', figures);
  });

  async function restart(env: Record<string, string>): Promise<TestApp> {
    await t?.close({ closeDatabase: false });
    t = await startTestApp({ database, env: { ADMIN_API_KEY: CHOSEN_ADMIN_KEY, ...env } });
    return t;
  }

  const rows = () => t!.app.get(DataSource).query<KeyRow[]>('SELECT id, name, key_hash, key_fingerprint FROM api_key ORDER BY created_at');
  const status = async (key: string) => (await apiCall(t!.url, '/api/v1/api-keys', { key })).status;

  it('logs and lists no part of ADMIN_API_KEY, only a fixed-length fingerprint', async () => {
    // The finding: its first 10 characters were logged at start-up and returned as its `prefix`.
    await restart({ PII_ENCRYPTION_KEY: PII_A });
    const listed = (await (await apiCall(t!.url, '/api/v1/api-keys', { key: CHOSEN_ADMIN_KEY })).json()) as Record<string, unknown>[];
    const admin = listed.find((k) => k.name === 'ADMIN_API_KEY')!;
    expect(admin.fingerprint).toMatch(/^fp:[0-9a-f]{8}$/);
    expect(admin).not.toHaveProperty('prefix');
    const shown = `${t!.logs.text()}\n${JSON.stringify(listed)}`;
    expect(piecesOf(CHOSEN_ADMIN_KEY).filter((piece) => shown.includes(piece))).toEqual([]);
    expect(t!.logs.text()).toContain(`Registered ADMIN_API_KEY (${admin.fingerprint as string})`);
    figures.adminKeyPiecesShown = 0;
    figures.fingerprint = 'fp: + 8 hex digits of HMAC-SHA256';
  });

  it('stores a keyed hash, not the SHA-256 of the key', async () => {
    const [admin] = (await rows()).filter((r) => r.name === 'ADMIN_API_KEY');
    expect(admin.key_hash.equals(sha256(CHOSEN_ADMIN_KEY))).toBe(false);
    expect(admin.key_hash).toHaveLength(32);
  });

  it('lets a row hashed with plain SHA-256 (from before) authenticate, and then upgrades it', async () => {
    await t!.app.get(DataSource).query(`INSERT INTO api_key (name, role, key_hash, key_fingerprint, source) VALUES ('legacy', 'admin', $1, NULL, 'api')`, [sha256(LEGACY_KEY)]);
    expect(await status(LEGACY_KEY)).toBe(200);
    const [legacy] = (await rows()).filter((r) => r.name === 'legacy');
    expect(legacy.key_hash.equals(sha256(LEGACY_KEY))).toBe(false);
    expect(legacy.key_fingerprint).toMatch(/^fp:[0-9a-f]{8}$/);
    // Found under its new hash from then on.
    expect(await status(LEGACY_KEY)).toBe(200);
    expect(await status('Legacy-Chornomorka-Qx-Jw')).toBe(401);
    figures.legacySha256RowUpgradedOnFirstUse = true;
  });

  it('keeps every key working through a PII key rotation, moving each to the new secret on use', async () => {
    const before = await rows();
    await restart({ PII_ENCRYPTION_KEY: PII_B, PII_ENCRYPTION_KEYS_PREVIOUS: PII_A });
    expect(await status(CHOSEN_ADMIN_KEY)).toBe(200);
    expect(await status(LEGACY_KEY)).toBe(200);
    const after = await rows();
    for (const row of after) {
      const old = before.find((r) => r.id === row.id)!;
      expect(row.key_hash.equals(old.key_hash)).toBe(false);
      expect(row.key_fingerprint).toBe(old.key_fingerprint);
    }
    // Once the re-seal has finished, the new key alone: the keys still work, as they were moved.
    expect((await apiCall(t!.url, '/api/v1/privacy/reseal', { method: 'POST', body: {}, key: CHOSEN_ADMIN_KEY })).status).toBe(200);
    await restart({ PII_ENCRYPTION_KEY: PII_B });
    expect(await status(CHOSEN_ADMIN_KEY)).toBe(200);
    expect(await status(LEGACY_KEY)).toBe(200);
    figures.keysWorkingAfterPiiRotation = after.length;
  });
});
