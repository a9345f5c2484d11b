import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { DatabaseHandle } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { Api, incidentReport, type IncidentJson, type IncidentListJson } from '../../support/incidents-api';
import { refusedStart } from '../../support/refused-start';
import { startTestApp, TestApp } from '../../support/test-app';
import { databaseKind, openTestDatabase } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { recordFigures } from './figures';

jest.setTimeout(90_000);

const KEY_A = 'a7'.repeat(32);
const KEY_B = 'b8'.repeat(32);
const INCIDENTS = 6;
const phoneOf = (i: number) => `+38067${String(5_550_000 + i)}`;
// The first four bytes of sha256(key): the id every sealed value carries, and the id `pii_key` records.
const keyIdOf = (hex: string) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest().subarray(0, 4).toString('hex');

describe(`A process started with another PII key (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let t: TestApp | undefined;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    database = await openTestDatabase();
    // Key A seals the contacts of a few incidents.
    t = await startTestApp({ database, env: { PII_ENCRYPTION_KEY: KEY_A } });
    const api = new Api(t.url);
    for (let i = 0; i < INCIDENTS; i++) await api.json('/api/v1/incidents', { body: incidentReport({ externalId: `pii-identity-${i}`, phone: phoneOf(i) }) });
    await t.close({ closeDatabase: false });
    t = undefined;
  });
  afterAll(async () => {
    await t?.close({ closeDatabase: false });
    await database.close();
    recordFigures('piiKeyIdentity', figures);
  });

  it('refuses to start with another PII_ENCRYPTION_KEY, naming the variable and the unknown key id, never a key', async () => {
    // The finding: such a process started, then failed on every value it read (the incidents listing answered 500).
    const { error, logs } = await refusedStart({ database, env: { PII_ENCRYPTION_KEY: KEY_B } });
    expect(error.message).toMatch(/PII_ENCRYPTION_KEY/);
    expect(error.message).toMatch(/PII_ENCRYPTION_KEYS_PREVIOUS/);
    expect(error.message).toContain(keyIdOf(KEY_A));
    expect(logs.text()).toContain(keyIdOf(KEY_A));
    for (const text of [error.message, logs.text()]) expect(text).not.toMatch(new RegExp(`${KEY_A.slice(0, 8)}|${KEY_B.slice(0, 8)}`));
    figures.refusedWithAnotherKey = error.message;
  });

  it('refuses to start without PII_ENCRYPTION_KEY in a fresh DATA_DIR (a key generated there), naming the variable', async () => {
    const { error } = await refusedStart({ database, env: { PII_ENCRYPTION_KEY: '' } });
    expect(error.message).toMatch(/PII_ENCRYPTION_KEY is not set, and the key generated into .*pii-encryption-key/);
    expect(error.message).toContain(keyIdOf(KEY_A));
    figures.refusedWithGeneratedKey = true;
  });

  it('starts with the old key in PII_ENCRYPTION_KEYS_PREVIOUS, and reads every contact', async () => {
    t = await startTestApp({ database, env: { PII_ENCRYPTION_KEY: KEY_B, PII_ENCRYPTION_KEYS_PREVIOUS: KEY_A } });
    const listed = await new Api(t.url).json<IncidentListJson>('/api/v1/incidents?limit=100');
    expect(listed.items.map((i) => i.contact.phone).sort()).toEqual(Array.from({ length: INCIDENTS }, (_, i) => phoneOf(i)).sort());
    expect(listed.items.every((i) => i.contactUnavailable === null)).toBe(true);
    figures.startedWithOldKeyAsPrevious = true;
  });

  it('shows one value sealed with an unknown key as unavailable, and lists every other incident (200, never 500)', async () => {
    const api = new Api(t!.url);
    const before = await api.json<IncidentListJson>('/api/v1/incidents?limit=100');
    const spoiled = before.items[0];
    // Sealed by hand under a key no process has: the ledger never heard of it, so only this value is affected.
    const stranger = new PiiCipher([randomBytes(32)]);
    await t!.app.get(DataSource).query('UPDATE complaint SET phone_sealed = $1 WHERE id = $2', [stranger.seal('+380670000000'), spoiled.complaintId]);

    const viewer = api.as(await api.key('viewer'));
    for (const caller of [api, viewer]) {
      const res = await caller.call('/api/v1/incidents?limit=100');
      expect(res.status).toBe(200);
      const { items } = (await res.json()) as IncidentListJson;
      expect(items).toHaveLength(INCIDENTS);
      const unavailable = items.filter((i) => i.contactUnavailable);
      expect(unavailable.map((i) => [i.id, i.contact.phone, i.contactUnavailable])).toEqual([[spoiled.id, null, 'sealed with an unknown key']]);
      expect(items.filter((i) => i.contact.phone !== null)).toHaveLength(INCIDENTS - 1);
    }
    const detail = await api.json<IncidentJson>(`/api/v1/incidents/${spoiled.id}`);
    expect(detail).toMatchObject({ contact: { phone: null }, contactUnavailable: 'sealed with an unknown key' });
    figures.incidentsListedWithOneUnknownKeyValue = { status: 200, listed: INCIDENTS, unavailable: 1 };
  });

  it('gives up at once, with a clear log line, on a queued input sealed with an unknown key (no half hour of retries)', async () => {
    const db = t!.app.get(DataSource);
    const stranger = new PiiCipher([randomBytes(32)]);
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO inbound_update (channel, address, input_key, event) VALUES ('telegram', '9100001', 'pii-identity-queued', $1) RETURNING id`,
      [stranger.seal(JSON.stringify({ inbound: {}, context: {} }))],
    );
    const row = await waitFor(async () => {
      const [r] = await db.query<{ attempts: number; failed_at: Date | null; last_error: string }[]>('SELECT attempts, failed_at, last_error FROM inbound_update WHERE id = $1', [id]);
      return r.failed_at ? r : undefined;
    }, 20_000);
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/key/);
    expect(t!.logs.text()).toContain(`Queued input ${id} on telegram is given up on at once`);
    figures.queuedInputUnderUnknownKey = { attemptsBeforeGivenUp: row.attempts };
  });
});
