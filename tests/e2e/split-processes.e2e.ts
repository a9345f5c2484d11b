import { DatabaseHandle } from '@turbota/persistence';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TurbotaProcess } from '../support/turbota-process';

jest.setTimeout(120_000);

const ADMIN_API_KEY = 'split-admin-key-0123456789abcdef';

describe(`apps/api and apps/bot as separate processes on one database (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let api: TurbotaProcess;
  let bot: TurbotaProcess;

  beforeAll(async () => {
    database = await openTestDatabase();
    const env = { DATABASE_URL: database.url, ADMIN_API_KEY };
    if (database.embedded) {
      // One embedded server serialises all work; the processes start one after the other.
      api = await (await TurbotaProcess.start('api', env)).ready();
      bot = await (await TurbotaProcess.start('bot', env)).ready();
    } else {
      // On PostgreSQL both start at once and take turns migrating under an advisory lock.
      [api, bot] = await Promise.all([TurbotaProcess.start('api', env), TurbotaProcess.start('bot', env)]);
      await Promise.all([api.ready(), bot.ready()]);
    }
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), bot?.stop()]);
    await database.close();
  });

  it('migrates the database exactly once', () => {
    const appliedBy = [api, bot].filter((p) => p.messages().some((m) => m.startsWith('Applied migrations: ')));
    expect(appliedBy).toHaveLength(1);
    expect([api, bot].filter((p) => p.messages().includes('Schema is up to date'))).toHaveLength(1);
  });

  it('serves the REST API from the api process only, health and metrics from both', async () => {
    const headers = { Authorization: `Bearer ${ADMIN_API_KEY}` };
    expect((await fetch(`${api.url}/api/v1/api-keys`, { headers })).status).toBe(200);
    expect((await fetch(`${bot.url}/api/v1/api-keys`, { headers })).status).toBe(404);
    for (const p of [api, bot]) {
      expect((await fetch(`${p.url}/health`)).status).toBe(200);
      expect(await (await fetch(`${p.url}/metrics`)).text()).toContain('process_resident_memory_bytes');
      expect((await fetch(`${p.url}/docs-json`)).status).toBe(200);
    }
  });

  it('reports channels that are off from the bot process, which owns them', () => {
    const off = bot.messages().flatMap((m) => / channel is off: /.exec(m) ? [m.split(' ')[0]] : []);
    expect(off).toEqual(['telegram', 'slack', 'viber', 'messenger', 'whatsapp', 'botframework']);
    expect(api.messages().filter((m) => / channel is off: /.test(m))).toHaveLength(0);
  });

  it('logs JSON lines only, with the role of the process on start-up', () => {
    for (const p of [api, bot]) expect(p.logs()).toHaveLength(p.output.length);
    expect(api.messages()).toContainEqual(expect.stringMatching(/^Turbota api listening on port \d+ with PostgreSQL$/));
    expect(bot.messages()).toContainEqual(expect.stringMatching(/^Turbota bot listening on port \d+ with PostgreSQL$/));
  });
});
