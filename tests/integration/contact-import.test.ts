import { DataSource } from 'typeorm';
import { ImportBench, IMPORT_HEADER as HEADER, type ImportResult } from '../support/contact-import';
import { FakeTelegram } from '../support/fake-telegram';
import { ManualClock } from '../support/manual-clock';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';

// The 100,000-line import is a heavy test: tests/reliability/heavy/contact-import-100k.test.ts.
describe(`contact CSV import (${databaseKind})`, () => {
  let bench: ImportBench;
  let clock: ManualClock;
  let telegram: FakeTelegram;
  let db: DataSource;
  let integrationKey: string;

  beforeAll(async () => {
    bench = await ImportBench.start();
    ({ clock, telegram, db, integrationKey } = bench);
  });
  afterAll(() => bench.close());

  const call: ImportBench['call'] = (path, init) => bench.call(path, init);
  const importCsv: ImportBench['importCsv'] = (body, key) => bench.importCsv(body, key);
  const count: ImportBench['count'] = (sql, params) => bench.count(sql, params);

  it('decides each line as POST /contacts would, reports bad lines with their numbers, and records a line once', async () => {
    const at = clock.now().toISOString();
    const reported = await call('/api/v1/contacts', {
      method: 'POST',
      key: integrationKey,
      body: JSON.stringify({ externalId: 'api-1', customer: { channel: 'telegram', address: '4000001', phone: '+380501234567' }, occurredAt: at }),
    });
    expect(await reported.json()).toMatchObject({ decision: 'invited' });
    const csv = [
      HEADER,
      `imp-1,telegram,4000002,,en,,,ivan.p,card,kyiv-central,${at}`,
      `imp-2,telegram,4000002,,en,,,,,,${at}`,
      `imp-3,slack,U123,,,,,,,,${at}`,
      `imp-4,telegram,4000003,,,12,,,,,${at}`,
      `api-1,telegram,4000001,,,,,,,,${at}`,
      `imp-5,telegram,4000004,,,050 123 45 67,,,,,${at}`,
      `imp-6,telegram,4000005,"Kovalenko, Olena",uk,,,,,,${at}`,
      `imp-7,telegram,4000006,,,,,,,,`,
      `imp-1,telegram,4000002,,en,,,ivan.p,card,kyiv-central,${at}`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    const result = (await res.json()) as ImportResult;
    expect(result).toEqual({
      accepted: 7,
      decisions: { invited: 4, scheduled: 0, skipped: 3 },
      rejected: [
        { line: 5, reason: 'phone: must be a phone number, e.g. +380671234567' },
        { line: 9, reason: 'occurredAt: is required' },
      ],
      rejectedCount: 2,
    });
    const decided = await db.query<{ external_id: string; decision: string; reason: string | null; agent: string | null }[]>(
      `SELECT external_id, decision, reason, agent FROM contact ORDER BY external_id`,
    );
    expect(decided).toEqual([
      { external_id: 'api-1', decision: 'invited', reason: null, agent: null },
      { external_id: 'imp-1', decision: 'invited', reason: null, agent: 'ivan.p' },
      { external_id: 'imp-2', decision: 'skipped', reason: 'cool_down', agent: null },
      { external_id: 'imp-3', decision: 'skipped', reason: 'no_channel', agent: null },
      // Linked by the phone to the customer reported through the API a moment ago.
      { external_id: 'imp-5', decision: 'skipped', reason: 'cool_down', agent: null },
      { external_id: 'imp-6', decision: 'invited', reason: null, agent: null },
    ]);
    const greeting = await waitFor(() => telegram.delivered('sendMessage', '4000005')[0]);
    expect(greeting.params.text).toMatch(/Kovalenko, Olena/);
    await waitFor(() => telegram.delivered('sendMessage', '4000002')[0]);
    expect(await count(`SELECT 1 FROM conversation c JOIN contact k ON k.conversation_id = c.id WHERE k.point_of_service = 'kyiv-central'`)).toBe(1);
    expect(bench.t.logs.text()).not.toContain('501234567');

    // The same file again changes nothing.
    const again = (await (await importCsv(csv)).json()) as ImportResult;
    expect(again).toEqual(result);
    expect(await count(`SELECT 1 FROM contact`)).toBe(6);
  });

  it('refuses a wrong header, another content type and keys of other roles', async () => {
    const wrong = await importCsv('externalId,channel,colour,occurredAt\nx,telegram,red,2026-11-23T10:00:00Z\n');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { message: string }).message).toMatch(/unknown column\(s\): colour; missing column\(s\): address/);
    expect((await importCsv('')).status).toBe(400);
    expect((await call('/api/v1/imports/contacts', { method: 'POST', body: '{}', key: integrationKey })).status).toBe(415);
    const viewer = await call('/api/v1/api-keys', { method: 'POST', body: JSON.stringify({ name: 'Wall', role: 'viewer' }) });
    expect((await importCsv(`${HEADER}\n`, ((await viewer.json()) as { key: string }).key)).status).toBe(403);
  });
});
