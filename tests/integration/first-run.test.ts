import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@turbota/config';
import { createApp } from '@turbota/server';
import { BotModule } from '../../apps/bot/src/bot.module';
import { LogCapture } from '../support/log-capture';
import { startTestApp, TEST_ADMIN_KEY, TEST_PII_KEY, TestApp } from '../support/test-app';
import { openTestDatabase } from '../support/test-database';

describe('the first visit and the start-up log', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends a visitor of / to the console rather than a JSON 404, and keeps /api as it was', async () => {
    const home = await fetch(`${t.url}/`, { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/console/');
    const followed = await fetch(`${t.url}/`);
    expect(followed.url).toBe(`${t.url}/console/`);
    // The page is served from dist/console, which `npm run build` makes (npm test builds first).
    expect([followed.status, followed.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/html/)]);
    expect((await fetch(`${t.url}/api`, { redirect: 'manual' })).status).toBe(404);
  });

  it('logs Nest\'s module and route mapping at debug, not among the lines a person reads', () => {
    const framework = t.logs.entries().filter((e) => ['RoutesResolver', 'RouterExplorer', 'InstanceLoader'].includes(String(e.context)));
    expect(framework.some((e) => /Mapped \{\/api\/v1\/points, POST\} route/.test(String(e.msg)))).toBe(true);
    expect(framework.filter((e) => e.level !== 20)).toEqual([]);
  });

  it('sends a visitor of / to the web chat in a bot-only process, which has no dashboard', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'turbota-test-'));
    const config = loadConfig({ DATA_DIR: dataDir, ADMIN_API_KEY: TEST_ADMIN_KEY, PII_ENCRYPTION_KEY: TEST_PII_KEY });
    const database = await openTestDatabase();
    const app = await createApp({ config, database, features: [BotModule], pages: { dashboard: false, chat: true }, logDestination: new LogCapture() });
    try {
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as { port: number };
      const home = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
      expect([home.status, home.headers.get('location')]).toEqual([302, '/chat']);
    } finally {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
