import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { seededRandom } from '@turbota/common';
import type { DatabaseHandle } from '@turbota/persistence';
import { FakeTelegram } from '../../support/fake-telegram';
import { Api, complainInWebChat, type IncidentListJson } from '../../support/incidents-api';
import { startTestApp, TestApp } from '../../support/test-app';
import { databaseKind, openTestDatabase } from '../../support/test-database';
import { recordFigures } from './figures';

jest.setTimeout(60_000);

const SEED = 20_261_201;
const TOKEN = '7000000009:AAHrotation-token';
const SECRET = 'rotation-webhook-secret';
/** Named customers imported under the old key: more than one re-seal batch of 200. */
const BULK = 250;
const KEY_A = 'a1'.repeat(32);
const KEY_B = Buffer.alloc(32, 0xb2).toString('base64');
// The first four bytes of sha256(key): the id every sealed value carries after its version byte.
const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest().subarray(0, 4);
const ID_A = keyIdOf(Buffer.from(KEY_A, 'hex'));
const ID_B = keyIdOf(Buffer.from(KEY_B, 'base64'));

describe(`PII key rotation (${databaseKind})`, () => {
  let telegram: FakeTelegram;
  let database: DatabaseHandle;
  let t: TestApp | undefined;
  let chat = 4_100_000;
  let externalId = 0;

  beforeAll(async () => {
    telegram = await FakeTelegram.start(TOKEN);
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await t?.close({ closeDatabase: false });
    await database.close();
    await telegram.close();
  });

  async function restart(env: Record<string, string>): Promise<Api> {
    await t?.close({ closeDatabase: false });
    t = await startTestApp({
      database,
      random: seededRandom(SEED),
      env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: telegram.url, DEFAULT_LOCALE: 'en', ...env },
    });
    return new Api(t.url);
  }

  /** Reports a contact on a new Telegram chat; answers the customer it was filed under. */
  async function report(api: Api, customer: Record<string, string>): Promise<string> {
    const body = { externalId: `rotation-${++externalId}`, customer: { channel: 'telegram', address: String(++chat), locale: 'en', ...customer }, occurredAt: new Date().toISOString() };
    return (await api.json<{ customerId: string }>('/api/v1/contacts', { body })).customerId;
  }

  /** Sealed values per key id, over every sealed column of the schema. */
  async function sealedByKey(): Promise<Record<string, number>> {
    const db = t!.app.get(DataSource);
    const columns = await db.query<{ table_name: string; column_name: string }[]>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name LIKE '%\\_sealed'`,
    );
    const counts: Record<string, number> = {};
    for (const c of columns) {
      const rows = await db.query<{ id: string; n: number }[]>(
        `SELECT encode(substring("${c.column_name}" from 2 for 4), 'hex') AS id, count(*)::int AS n FROM "${c.table_name}" WHERE "${c.column_name}" IS NOT NULL GROUP BY 1`,
      );
      for (const r of rows) counts[r.id] = (counts[r.id] ?? 0) + r.n;
    }
    return counts;
  }

  /** Rows with any value sealed under the key. */
  async function rowsUnder(keyId: Buffer): Promise<number> {
    const db = t!.app.get(DataSource);
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM contact WHERE substring(phone_sealed from 2 for 4) = $1 OR substring(email_sealed from 2 for 4) = $1)
            + (SELECT count(*) FROM complaint WHERE substring(phone_sealed from 2 for 4) = $1 OR substring(email_sealed from 2 for 4) = $1)
            + (SELECT count(*) FROM customer WHERE substring(name_sealed from 2 for 4) = $1) AS n`,
      [keyId],
    );
    return Number(n);
  }

  async function incidentPhones(api: Api): Promise<(string | null)[]> {
    const list = await api.json<IncidentListJson>('/api/v1/incidents');
    return list.items.map((i) => (i.contact as { phone?: string | null } | null)?.phone ?? null);
  }

  it('keeps reading and matching through a rotation, and after the re-seal needs the new key alone', async () => {
    // Key A: contacts with phones, e-mails and names, and a web chat complaint with a phone (an incident).
    let api = await restart({ PII_ENCRYPTION_KEY: KEY_A });
    const olena = await report(api, { phone: '+380671112233', email: 'Olena.Rotation@example.com', name: 'Olena Rotation' });
    await complainInWebChat(t!.url, { point: 'kyiv-central', score: 2, reason: 'waiting', phone: '+380 67 444 55 66' });
    // And enough named customers from a CSV import that the re-seal takes several batches.
    const lines = Array.from({ length: BULK }, (_, i) => `rotation-bulk-${i},telegram,${4_200_000 + i},Bulk Customer ${i},en,,,,,,${new Date().toISOString()}`);
    const imported = await fetch(`${t!.url}/api/v1/imports/contacts`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${api.apiKey}` },
      body: ['externalId,channel,address,name,locale,phone,email,agent,serviceType,pointOfService,occurredAt', ...lines].join('\n'),
    });
    expect(imported.status).toBeLessThan(300);
    const before = await sealedByKey();
    expect(Object.keys(before)).toEqual([ID_A.toString('hex')]);
    expect(await incidentPhones(api)).toEqual(['+380674445566']);

    // Key B with A as the previous key: everything still opens, and old indexes still match.
    api = await restart({ PII_ENCRYPTION_KEY: KEY_B, PII_ENCRYPTION_KEYS_PREVIOUS: KEY_A });
    expect(await incidentPhones(api)).toEqual(['+380674445566']);
    expect(await report(api, { phone: '+380671112233' })).toBe(olena);
    expect(await report(api, { email: 'olena.rotation@EXAMPLE.com' })).toBe(olena);
    const complainant = await report(api, { phone: '+380674445566', name: 'Petro Rotation' });
    const during = await sealedByKey();
    expect(during[ID_B.toString('hex')]).toBeGreaterThan(0);

    // The re-seal, run twice at once (as two processes would): every stale row is re-sealed exactly once.
    const staleRows = await rowsUnder(ID_A);
    expect(staleRows).toBeGreaterThanOrEqual(BULK + 3);
    type Resealed = { rows: number; failed: number; remaining: number };
    const runs = await Promise.all([0, 1].map(() => api.json<Resealed>('/api/v1/privacy/reseal', { body: {}, status: 200 })));
    expect(runs.map((r) => r.failed)).toEqual([0, 0]);
    expect(runs[0].rows + runs[1].rows).toBe(staleRows);
    // Once done, a run finds nothing left.
    expect(await api.json('/api/v1/privacy/reseal', { body: {}, status: 200 })).toEqual({ rows: 0, failed: 0, remaining: 0 });
    const after = await sealedByKey();
    expect(Object.keys(after)).toEqual([ID_B.toString('hex')]);

    // Key B alone: reads, and matching by phone and e-mail through the recomputed indexes.
    api = await restart({ PII_ENCRYPTION_KEY: KEY_B });
    expect(await incidentPhones(api)).toEqual(['+380674445566']);
    expect(await report(api, { phone: '+380671112233' })).toBe(olena);
    expect(await report(api, { email: 'OLENA.ROTATION@example.com' })).toBe(olena);
    expect(await report(api, { phone: '+380674445566' })).toBe(complainant);
    // Only admins may run it.
    const viewer = api.as(await api.key('viewer'));
    expect((await viewer.call('/api/v1/privacy/reseal', { body: {} })).status).toBe(403);
    expect(t!.logs.text()).not.toMatch(/380671112233|380674445566|olena\.rotation|Olena Rotation|Petro Rotation/i);

    recordFigures('keyRotation', {
      sealedUnderOldKeyBefore: before[ID_A.toString('hex')],
      sealedDuringRotation: during,
      staleRows,
      resealedByEachOfTwoConcurrentRuns: runs.map((r) => r.rows),
      sealedUnderOldKeyAfter: after[ID_A.toString('hex')] ?? 0,
      sealedUnderNewKeyAfter: after[ID_B.toString('hex')],
    });
  });
});
