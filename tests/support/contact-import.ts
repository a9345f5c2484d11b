import { DataSource } from 'typeorm';
import { seededRandom } from '@turbota/common';
import { FakeTelegram } from './fake-telegram';
import { ManualClock } from './manual-clock';
import { bearer, startTestApp, TEST_ADMIN_KEY, type TestApp } from './test-app';

const TOKEN = '7000000004:AAHimport-token';
// 12:00 in Kyiv: outside the default policy's quiet hours.
const NOON_KYIV = '2026-11-23T10:00:00.000Z';
export const IMPORT_HEADER = 'externalId,channel,address,name,locale,phone,email,agent,serviceType,pointOfService,occurredAt';

/** What POST /api/v1/imports/contacts answers. */
export interface ImportResult {
  accepted: number;
  decisions: { invited: number; scheduled: number; skipped: number };
  rejected: { line: number; reason: string }[];
  rejectedCount: number;
}

/** An application with Telegram on (a local fake), a clock at noon in Kyiv, seeded sampling and an integration key, for importing contacts. */
export class ImportBench {
  private constructor(
    readonly t: TestApp,
    readonly telegram: FakeTelegram,
    readonly clock: ManualClock,
    readonly integrationKey: string,
  ) {}

  static async start(): Promise<ImportBench> {
    const clock = new ManualClock(NOON_KYIV);
    const telegram = await FakeTelegram.start(TOKEN);
    const t = await startTestApp({ env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'import-secret', TELEGRAM_API_ROOT: telegram.url }, clock, random: seededRandom(7) });
    const key = await call(t, '/api/v1/api-keys', { method: 'POST', body: JSON.stringify({ name: 'CRM', role: 'integration' }) });
    return new ImportBench(t, telegram, clock, ((await key.json()) as { key: string }).key);
  }

  get db(): DataSource {
    return this.t.app.get(DataSource);
  }

  call(path: string, init: CallInit = {}): Promise<Response> {
    return call(this.t, path, init);
  }

  importCsv(body: string | ReadableStream, key = this.integrationKey): Promise<Response> {
    return this.call('/api/v1/imports/contacts', { method: 'POST', body, key, type: 'text/csv' });
  }

  /** How many rows the query finds. */
  async count(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${sql}) AS q`, params))[0].n;
  }

  async close(): Promise<void> {
    await this.t.close();
    await this.telegram.close();
  }
}

interface CallInit {
  method?: string;
  body?: string | ReadableStream;
  key?: string;
  type?: string;
}

function call(t: TestApp, path: string, init: CallInit): Promise<Response> {
  return fetch(`${t.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'Content-Type': init.type ?? 'application/json', ...bearer(init.key ?? TEST_ADMIN_KEY) },
    body: init.body,
    // A streamed body must say so.
    ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
}
