import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from '../support/fake-slack';
import { FakeSlackSocket } from '../support/fake-slack-socket';
import { FakeTelegram } from '../support/fake-telegram';
import { slackMessageEvent } from '../support/slack-fixtures';
import { telegramUpdate } from '../support/telegram-fixtures';
import { TurbotaProcess } from '../support/turbota-process';
import { waitFor } from '../support/wait-for';

jest.setTimeout(360_000);

const ADMIN_API_KEY = 'e2e-admin-key-0123456789abcdef';
const auth = (key: string) => ({ Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' });

describe('npm start on the embedded database (no DATABASE_URL)', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'turbota-e2e-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('comes up, keeps its data across a restart and does not re-run migrations', async () => {
    const first = await (await TurbotaProcess.start('standalone', { DATA_DIR: dataDir })).ready();
    try {
      // No ADMIN_API_KEY: an admin key was generated into DATA_DIR, readable by its owner only.
      const keyFile = join(dataDir, 'admin-api-key');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const generated = readFileSync(keyFile, 'utf8').trim();
      expect(first.output.join('\n')).not.toContain(generated);

      const created = await fetch(`${first.url}/api/v1/api-keys`, {
        method: 'POST',
        headers: auth(generated),
        body: JSON.stringify({ name: 'reports', role: 'viewer' }),
      });
      expect(created.status).toBe(201);
      expect(first.messages()).toContainEqual(expect.stringMatching(/^Applied migrations: /));
      expect(first.messages().filter((m) => / channel is off: set /.test(m))).toEqual([
        'telegram channel is off: set TELEGRAM_BOT_TOKEN to turn it on',
        'slack channel is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to turn it on',
        'viber channel is off: set VIBER_AUTH_TOKEN to turn it on',
        'messenger channel is off: set MESSENGER_PAGE_ACCESS_TOKEN, MESSENGER_APP_SECRET and MESSENGER_VERIFY_TOKEN to turn it on',
        'whatsapp channel is off: set WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN to turn it on',
        'botframework channel is off: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to turn it on',
      ]);
      const { key: viewerKey } = (await created.json()) as { key: string };

      // The first run leads somewhere: `/` opens the console, and the log says, in a few lines a
      // person reads, where the chat, the console, the docs and the key file are,
      // and which one-time link creates the first admin.
      const home = await fetch(`${first.url}/`, { redirect: 'manual' });
      expect([home.status, home.headers.get('location')]).toEqual([302, '/console/']);
      const port = new URL(first.url).port;
      const info = first.logs().filter((entry) => entry.level === 30).map((entry) => String(entry.msg));
      expect(info).toEqual(
        expect.arrayContaining([
          `Web chat for customers: http://localhost:${port}/chat`,
          `Console for supervisors and admins: http://localhost:${port}/console/`,
          `API docs: http://localhost:${port}/docs`,
          `Health: http://localhost:${port}/health`,
          `Admin API key: in ${keyFile} (generated at the first start; set ADMIN_API_KEY to choose your own)`,
        ]),
      );
      expect(info.filter((m) => /Mapped \{|RoutesResolver|dependencies initialized/.test(m))).toEqual([]);
      // The reports are in the console now: no line sends anyone to the old dashboard.
      expect(info.filter((m) => m.includes('/dashboard'))).toEqual([]);
      const warnings = first.logs().filter((entry) => entry.level === 40).map((entry) => String(entry.msg));
      expect(warnings).toContainEqual(expect.stringMatching(/^PUBLIC_URL is not set: links and QR codes use the address they are asked at, here http:\/\/localhost:\d+;/));
      expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`open http://localhost:${port}/console/setup/[\\w-]{43} to create the first admin`)));
      // Everything printed up to now is JSON (pino), start-up lines included.
      expect(first.output.length).toBe(first.logs().length);

      // A second process on the same folder would corrupt it: it is refused with a clear message.
      const intruder = await TurbotaProcess.start('standalone', { DATA_DIR: dataDir });
      expect(await intruder.exitCode()).toBe(1);
      expect(intruder.messages().join('\n')).toMatch(/is in use by process \d+.*set DATABASE_URL/);

      expect(await first.stop('SIGTERM')).toBe(0);
      expect(first.messages()).toContain('Stopped cleanly');

      const second = await (await TurbotaProcess.start('standalone', { DATA_DIR: dataDir })).ready();
      try {
        expect(second.messages()).toContain('Schema is up to date');
        expect(second.messages().some((m) => m.startsWith('Applied migrations'))).toBe(false);
        const listed = await fetch(`${second.url}/api/v1/api-keys`, { headers: auth(generated) });
        expect(((await listed.json()) as { name: string }[]).map((k) => k.name)).toContain('reports');
        expect((await fetch(`${second.url}/api/v1/api-keys`, { headers: auth(viewerKey) })).status).toBe(403);
        // The key file is written once; a restart keeps the same admin key working.
        expect(readFileSync(keyFile, 'utf8').trim()).toBe(generated);
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop().catch(() => undefined);
    }
  });

  it('finishes a request in flight when SIGTERM arrives, then exits cleanly', async () => {
    const server = await (await TurbotaProcess.start('standalone', { DATA_DIR: dataDir, ADMIN_API_KEY })).ready();
    const body = JSON.stringify({ name: 'in flight', role: 'viewer' });
    const response = new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/v1/api-keys`, {
        method: 'POST',
        headers: { ...auth(ADMIN_API_KEY), 'Content-Length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write(body.slice(0, 10)); // the request is now in flight, its body half sent
      setTimeout(() => {
        void server.stop('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 300);
    });
    expect(await response).toBe(201);
    expect(await server.exitCode()).toBe(0);
    expect(server.messages()).toEqual(expect.arrayContaining(['SIGTERM received: draining requests', 'Stopped cleanly']));
  });
});

describe("the README's Telegram walk-through: a bot's token and npm start, no public address", () => {
  const TOKEN = '7000000003:AAHreadme-walk-through';
  let dataDir: string;
  let fake: FakeTelegram;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'turbota-e2e-'));
    fake = await FakeTelegram.start(TOKEN);
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fetches the updates itself and asks a customer who opens the bot the first question', async () => {
    // Only the token (and the fake standing in for api.telegram.org): no secret, no PUBLIC_URL, no TELEGRAM_MODE.
    const turbota = await (await TurbotaProcess.start('standalone', { DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, TELEGRAM_MODE: '' })).ready();
    try {
      fake.push(telegramUpdate('message-start', { updateId: 1, chatId: 4000001 }));
      const asked = await waitFor(() => fake.delivered('sendMessage', '4000001')[0], 30_000);
      expect(asked.params.text).toMatch(/How likely are you to recommend us/);
      expect(turbota.messages()).toContain('Telegram webhook deleted: this process fetches updates by polling');
      expect(fake.calls.filter((c) => c.method === 'setWebhook')).toEqual([]);
    } finally {
      await turbota.stop();
    }
  });
});

describe("the README's Slack walk-through: the manifest's tokens and npm start, no public address", () => {
  const BOT_TOKEN = 'xoxb-0000-readme-walk-through';
  const APP_TOKEN = 'xapp-1-A0README-0000-walk-through';
  let dataDir: string;
  let web: FakeSlack;
  let socket: FakeSlackSocket;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'turbota-e2e-'));
    web = await FakeSlack.start(BOT_TOKEN);
    socket = await FakeSlackSocket.start(web, APP_TOKEN);
  });
  afterAll(async () => {
    await socket.close();
    await web.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens Socket Mode and surveys someone who writes start to the app', async () => {
    // The README's four variables (and the fake standing in for slack.com): no PUBLIC_URL.
    const env = { DATA_DIR: dataDir, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'readme-signing-secret', SLACK_APP_TOKEN: APP_TOKEN, SLACK_ESCALATION_CHANNEL: 'C0123456789', SLACK_API_URL: web.url };
    const turbota = await (await TurbotaProcess.start('standalone', env)).ready();
    try {
      await waitFor(() => socket.openSockets()[0], 30_000);
      const start = socket.send('events_api', JSON.parse(slackMessageEvent({ eventId: 'EvReadme1', channel: 'D0README01', text: 'start' })) as Record<string, unknown>);
      await socket.acked(start);
      // Slack says nothing of a language: the installation's default, Ukrainian.
      const asked = await waitFor(() => web.posted('D0README01')[0], 30_000);
      expect(JSON.stringify(asked.args)).toContain('Наскільки ймовірно, що ви порадите нас друзям чи знайомим?');
    } finally {
      await turbota.stop();
    }
  });
});

describe('a wrong environment', () => {
  it('stops start-up with one message naming every wrong variable, and no secret in it', async () => {
    const child = await TurbotaProcess.start('standalone', {
      PORT: 'abc',
      DATABASE_URL: 'mysql://user:hunter2@db/turbota',
      TELEGRAM_BOT_TOKEN: '123:token',
      TELEGRAM_MODE: 'webhook',
    });
    expect(await child.exitCode()).toBe(1);
    const fatal = child.logs().filter((entry) => entry.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0].msg).toBe(
      'Invalid configuration:\n' +
        '  - PORT must be a whole number (got "abc")\n' +
        '  - DATABASE_URL must be a URL starting with postgres:// or postgresql://\n' +
        '  - TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE is webhook (or set TELEGRAM_MODE=polling to fetch updates without a webhook)',
    );
    expect(child.output.join('\n')).not.toContain('hunter2');
  });
});
