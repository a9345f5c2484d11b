import { DataSource } from 'typeorm';
import { CUSTOMER_NAME_SLOT } from '@turbota/dialogue';
import { backoffCeilingMs } from '@turbota/server';
import { Api, incidentReport } from '../../support/incidents-api';
import { FakeSlack } from '../../support/fake-slack';
import { FakeTelegram } from '../../support/fake-telegram';
import { TcpProxy } from '../../support/tcp-proxy';
import { startTestApp, TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { recordFaultFigures } from './faults-artifacts';
import { npsCustomers, TelegramWebhookPlatform } from './faults-telegram-load';

const TOKEN = '7000000043:AAHfaults-platform';
const SECRET = 'faults-platform-secret';
const SLACK_TOKEN = 'xoxb-faults-platform';
const CHANNEL = 'C0FAULTS';
const SEED = Number(process.env.FAULTS_SEED ?? 4301);
const CUSTOMERS = 12;
const INCIDENTS = 4;

interface DeliveryJson {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

/**
 * Declares the platform outage test: the Telegram API answers 502 for `phaseMs`, then refuses
 * connections for as long again, while the Slack API refuses connections throughout; the
 * figures go under `section` in faults.json. `run` is `it`, or `it.skip` where it cannot run.
 */
export function describePlatformOutage(options: { phaseMs: number; section: string; run?: jest.It }): void {
  const PHASE_MS = options.phaseMs;
  const run = options.run ?? it;
  describe(`Telegram and Slack APIs down for ${(2 * PHASE_MS) / 1000} s (${databaseKind})`, () => {
    let telegram: FakeTelegram;
    let slack: FakeSlack;
    let telegramProxy: TcpProxy;
    let slackProxy: TcpProxy;
    let t: TestApp;
    let db: DataSource;

    beforeAll(async () => {
      if (run !== it) return;
      // The Slack client warns on the console at every refused connection: expected here, and noise.
      jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
        if (!args.some((a) => String(a).includes('web-api:WebClient'))) console.error(...args);
      });
      telegram = await FakeTelegram.start(TOKEN);
      slack = await FakeSlack.start(SLACK_TOKEN);
      telegramProxy = new TcpProxy({ host: '127.0.0.1', port: Number(new URL(telegram.url).port) });
      slackProxy = new TcpProxy({ host: '127.0.0.1', port: Number(new URL(slack.url).port) });
      await telegramProxy.start();
      await slackProxy.start();
      t = await startTestApp({
        env: {
          TELEGRAM_BOT_TOKEN: TOKEN,
          TELEGRAM_WEBHOOK_SECRET: SECRET,
          TELEGRAM_API_ROOT: `http://127.0.0.1:${telegramProxy.port}`,
          SLACK_BOT_TOKEN: SLACK_TOKEN,
          SLACK_SIGNING_SECRET: 'faults-platform-signing-secret',
          SLACK_ESCALATION_CHANNEL: CHANNEL,
          SLACK_API_URL: `http://127.0.0.1:${slackProxy.port}/api/`,
          PII_ENCRYPTION_KEY: '6'.repeat(64),
        },
      });
      db = t.app.get(DataSource);
    });
    afterAll(async () => {
      jest.restoreAllMocks();
      await t?.close();
      await telegramProxy?.stop();
      await slackProxy?.stop();
      await telegram?.close();
      await slack?.close();
    });

    run(`keeps the replies and notices waiting, shows why, and sends each once, in order, when the platforms return (seed ${SEED})`, async () => {
      const api = new Api(t.url);
      telegram.down = 502;
      await slackProxy.cut();
      const outageStart = Date.now();

      // Customers open the survey and answer while nothing can go out: replies queue up per chat.
      const customers = npsCustomers({ count: CUSTOMERS, seed: SEED, firstChat: 43_000_000, firstUpdateId: 430_000 });
      const platform = new TelegramWebhookPlatform({ target: t.url, secret: SECRET });
      await platform.run(customers, 4);
      for (let i = 0; i < INCIDENTS; i++) await api.json('/api/v1/incidents', { body: incidentReport({ externalId: `faults-outage-${SEED}-${i}` }) });

      // While the platform answers 502, the outbox shows the messages pending, each chat's first
      // one with the reason (the later ones wait their turn, untried).
      const waiting = await waitFor(async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const page = await api.json<{ items: DeliveryJson[] }>('/api/v1/deliveries?status=pending&channel=telegram&limit=500');
        const tried = page.items.filter((d) => d.attempts > 0);
        return tried.length >= CUSTOMERS && tried.every((d) => d.lastError !== null) ? tried : undefined;
      }, PHASE_MS);
      expect(waiting[0].lastError).toMatch(/502|Bad Gateway/);

      await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageStart + PHASE_MS - Date.now())));
      // Then the API goes away altogether: connections refused.
      await telegramProxy.cut();
      telegram.down = null;
      await new Promise((resolve) => setTimeout(resolve, PHASE_MS));
      const during = await api.json<{ items: DeliveryJson[] }>('/api/v1/deliveries?status=pending&limit=500');
      const [{ n: noticesPending }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM staff_notice WHERE status = 'pending'`);
      await telegramProxy.restore();
      await slackProxy.restore();
      const restoredAt = Date.now();

      const stored = await db.query<{ address: string; text: string; seq: string }[]>(
        `SELECT i.address, m.body->>'text' AS text, m.seq FROM message m JOIN customer_identity i ON i.id = m.identity_id
         WHERE m.direction = 'out' AND m.channel = 'telegram' ORDER BY m.seq`,
      );
      await waitFor(async () => {
        const [{ n }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM message WHERE direction = 'out' AND delivery <> 'sent'`);
        return n === 0 ? true : undefined;
      }, 60_000);
      await waitFor(async () => {
        const [{ n }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM staff_notice WHERE status <> 'sent'`);
        return n === 0 ? true : undefined;
      }, 60_000);
      const drainedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 1500));

      // Every reply once, in the order the dialogue wrote it, per chat.
      let outOfOrder = 0;
      let lost = 0;
      let doubled = 0;
      for (const { chat } of customers) {
        const expected = stored.filter((m) => m.address === String(chat)).map((m) => m.text);
        const got = telegram.delivered('sendMessage', String(chat)).map((c) => String(c.params.text));
        lost += Math.max(0, expected.length - got.length);
        doubled += Math.max(0, got.length - expected.length);
        if (!expected.every((text, i) => got[i] !== undefined && sentAs(got[i], text))) outOfOrder++;
      }
      // Back-off honoured: the attempts at one chat's first message while the API answered 502.
      const gaps: { attempt: number; gapMs: number; ceilingMs: number }[] = [];
      for (const { chat } of customers) {
        const failed = telegram.calls.filter((c) => c.method === 'sendMessage' && c.status === 502 && String(c.params.chat_id) === String(chat));
        for (let i = 1; i < failed.length; i++) gaps.push({ attempt: i, gapMs: failed[i].at - failed[i - 1].at, ceilingMs: backoffCeilingMs(i) });
      }
      const meanGapOverCeiling = gaps.reduce((sum, g) => sum + g.gapMs / g.ceilingMs, 0) / gaps.length;
      const firstRetries = gaps.filter((g) => g.attempt === 1).map((g) => g.gapMs);
      const maxAttempts = Math.max(...during.items.map((d) => d.attempts));
      const figures = {
        database: databaseKind,
        seed: SEED,
        outageMs: 2 * PHASE_MS,
        repliesStored: stored.length,
        sent: stored.length - lost,
        lost,
        doubled,
        chatsOutOfOrder: outOfOrder,
        pendingDuringOutage: during.items.length,
        maxAttemptsDuringOutage: maxAttempts,
        failed502Calls: telegram.calls.filter((c) => c.status === 502).length,
        meanGapOverCeiling: Number(meanGapOverCeiling.toFixed(3)),
        firstRetrySpreadMs: Math.max(...firstRetries) - Math.min(...firstRetries),
        slackNoticesPendingDuringOutage: noticesPending,
        slackMessages: slack.topLevel(CHANNEL).length,
        drainAfterRestoreMs: drainedAt - restoredAt,
      };
      recordFaultFigures(options.section, figures);

      expect(lost).toBe(0);
      expect(doubled).toBe(0);
      expect(outOfOrder).toBe(0);
      expect(gaps.length).toBeGreaterThan(0);
      // Full jitter: each wait drawn below its ceiling (2, 4, 8 ... s), half of it on average, so
      // the chats' retries spread out instead of coming all at once.
      expect(meanGapOverCeiling).toBeGreaterThan(0.25);
      expect(Math.max(...firstRetries) - Math.min(...firstRetries)).toBeGreaterThan(backoffCeilingMs(1) / 4);
      // A handful of attempts over the outage, not a busy loop: a chat's luckiest draws fit a few
      // more than the average waits allow (four in 12 s), far from the attempts that give it up.
      expect(maxAttempts).toBeLessThanOrEqual(attemptsWithin(2 * PHASE_MS) + 3);
      expect(during.items.filter((d) => d.attempts > 0).every((d) => d.lastError !== null)).toBe(true);
      expect(during.items.some((d) => /network|ECONNREFUSED|fetch failed/i.test(d.lastError ?? ''))).toBe(true);
      expect(noticesPending).toBeGreaterThan(0);
      // Each incident's message once (a problem's among them, as four incidents of one reason at
      // one point make one); after the outage each incident's comes when its own back-off ends.
      const incidentPosts = slack.topLevel(CHANNEL).map((c) => String(c.args.text).split(' ')[0]).filter((ref) => ref.startsWith('INC-'));
      expect(incidentPosts.sort()).toEqual(Array.from({ length: INCIDENTS }, (_, i) => `INC-${i + 1}`));
    });
  });
}

/** How many attempts the outbox's back-off allows within `ms` of failures, at its average waits (half the ceiling). */
function attemptsWithin(ms: number): number {
  let attempts = 1;
  for (let waited = backoffCeilingMs(1) / 2; waited <= ms; waited += backoffCeilingMs(++attempts) / 2);
  return attempts;
}

/** Whether a sent text is the stored one as the customer reads it: the name's slot filled in, the scale's legend after it. */
function sentAs(sent: string, stored: string): boolean {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${stored.split(CUSTOMER_NAME_SLOT).map(escape).join('.+')}`, 's').test(sent);
}
