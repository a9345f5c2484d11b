import { type Platforms, startPlatforms } from '../../support/platforms';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { serverErrors } from './fuzz-logs';
import { apiOperations, apiTargets, type OpenApiDocument } from './fuzz-openapi';
import { fuzzSeed } from './fuzz-random';
import { type FuzzTarget, memory, recordHostileFigures, runFuzz, watchProcess } from './fuzz-runner';
import { type SmsSecrets, webhookTargets } from './fuzz-webhooks';

/** Which slice of a seeded run one test file sends: case numbers `firstCase` … `firstCase + cases - 1`. */
export interface FuzzPart {
  section: string;
  seed: number;
  firstCase: number;
  cases: number;
  /** The SMS provider whose reports are fuzzed (one is on at a time): Twilio unless said. */
  smsProvider?: 'twilio' | 'turbosms';
}

const TELEGRAM_TOKEN = '123456:fuzz-telegram-token';
const TELEGRAM_SECRET = 'fuzz-telegram-secret';
const SLACK_TOKEN = 'xoxb-0000-fuzz-token';
const SLACK_SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const VIBER_TOKEN = '44dafb7e0f40021e-61a47a1e6778d187-f2c5a676a07050b3';
const MESSENGER = { pageToken: 'EAAG-fuzz-page-token', appSecret: 'fuzz-messenger-app-secret', verifyToken: 'fuzz-verify-token' };
const WHATSAPP = { accessToken: 'EAAG-fuzz-wa-token', appSecret: 'fuzz-whatsapp-app-secret', verifyToken: 'fuzz-wa-verify-token' };
// The fuzz is one client sending thousands of requests with one key; the limiters would only answer 429.
const NO_RATE_LIMITS = { API_RATE_LIMIT_PER_MINUTE: '0', CHAT_SESSION_RATE_LIMIT_PER_MINUTE: '0', CHAT_INPUT_RATE_LIMIT_PER_MINUTE: '0', CHAT_INPUT_ADDRESS_RATE_LIMIT_PER_MINUTE: '0' };

/** The platforms of the webhook fuzz, with the secrets its signed cases use. */
const PLATFORMS = {
  telegram: { token: TELEGRAM_TOKEN, secret: TELEGRAM_SECRET },
  slack: { token: SLACK_TOKEN, signingSecret: SLACK_SIGNING_SECRET, escalationChannel: 'C0FUZZ' },
  viber: { authToken: VIBER_TOKEN },
  messenger: MESSENGER,
  whatsapp: WHATSAPP,
  botframework: { anonymous: true },
};

/** SMS invitations through Twilio or TurboSMS (no text is sent: the fuzz reports no contact), so their report routes are fuzzed too. */
const PUBLIC_URL = 'https://feedback.example.com';
const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'fuzz-twilio-token', TWILIO_FROM: '+15005550006', TWILIO_API_URL: 'http://127.0.0.1:9' };
const TURBOSMS = { TURBOSMS_TOKEN: 'fuzz-turbosms-token', TURBOSMS_SENDER: 'Turbota', TURBOSMS_API_URL: 'http://127.0.0.1:9', TURBOSMS_WEBHOOK_SECRET: 'fuzz-turbosms-secret' };
const SMS = {
  twilio: { env: TWILIO, secrets: { provider: 'twilio', authToken: TWILIO.TWILIO_AUTH_TOKEN, callbackUrl: `${PUBLIC_URL}/webhooks/sms/twilio` } },
  turbosms: { env: TURBOSMS, secrets: { provider: 'turbosms', webhookSecret: TURBOSMS.TURBOSMS_WEBHOOK_SECRET } },
} as const satisfies Record<string, { env: Record<string, string>; secrets: SmsSecrets }>;

/** The seed of the webhook fuzz and of the API fuzz (FUZZ_SEED replays another). */
export const WEBHOOK_SEED = fuzzSeed(0x7e1e9a);
export const API_SEED = fuzzSeed(0xa91f0e);

/** Every webhook (Telegram, Slack events, interactivity and slash commands, Viber, Messenger, WhatsApp, Bot Framework, SMS reports, web chat and its survey links) with signed and unsigned hostile requests. */
export function webhookFuzzSuite(part: FuzzPart): void {
  const sms = SMS[part.smsProvider ?? 'twilio'];
  describe(`Hostile input on every webhook, cases ${part.firstCase}-${part.firstCase + part.cases - 1}, ${sms.secrets.provider} reports (${databaseKind})`, () => {
    let platforms: Platforms<typeof PLATFORMS>;
    let t: TestApp;

    beforeAll(async () => {
      platforms = await startPlatforms(PLATFORMS);
      t = await startTestApp({ env: { ...NO_RATE_LIMITS, ...platforms.env, PUBLIC_URL, ...sms.env, DEFAULT_LOCALE: 'en' } });
    });
    afterAll(async () => {
      await t?.close();
      await platforms?.close();
    });

    it(`answers malformed, oversized, mistyped and unicode-heavy requests without a 5xx, a crash or an escaped rejection (seed ${part.seed})`, async () => {
      const opened = await fetch(`${t.url}/chat/api/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ locale: 'en', point: 'kyiv-central' }) });
      expect(opened.status).toBe(200);
      const { session } = (await opened.json()) as { session: string };
      const targets = webhookTargets({
        telegramSecret: TELEGRAM_SECRET,
        slackSigningSecret: SLACK_SIGNING_SECRET,
        viberAuthToken: VIBER_TOKEN,
        messengerAppSecret: MESSENGER.appSecret,
        messengerVerifyToken: MESSENGER.verifyToken,
        whatsappAppSecret: WHATSAPP.appSecret,
        whatsappVerifyToken: WHATSAPP.verifyToken,
        connectorUrl: platforms.botframework.url,
        webChatSession: session,
        sms: sms.secrets,
      });
      await fuzzAndCheck(t, part, targets, {});
    });
  });
}

/** Every route of the running application's OpenAPI document, with hostile paths, queries, headers and bodies. */
export function apiFuzzSuite(part: FuzzPart): void {
  describe(`Hostile input on every REST API route, cases ${part.firstCase}-${part.firstCase + part.cases - 1} (${databaseKind})`, () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: NO_RATE_LIMITS });
    });
    afterAll(async () => {
      await t?.close();
    });

    it(`answers hostile requests on every route of /docs-json without a 5xx, a crash or an escaped rejection (seed ${part.seed})`, async () => {
      const document = (await (await fetch(`${t.url}/docs-json`)).json()) as OpenApiDocument;
      const routes = apiOperations(document).filter((o) => o.path.startsWith('/api/v1/'));
      // The document is the list of routes: one that vanished from it would silently leave the fuzz.
      expect(routes.length).toBeGreaterThanOrEqual(50);
      const targets = apiTargets(document, TEST_ADMIN_KEY);
      expect(part.cases).toBeGreaterThanOrEqual(targets.length * 20);
      const routesWithoutCases = await fuzzAndCheck(t, part, targets, { routes: routes.map((r) => `${r.method} ${r.path}`) });
      expect(routesWithoutCases).toEqual([]);
    });
  });
}

/** Runs the part, records its figures, and checks: no failure, nothing escaped, /health still 200. Returns the routes that got no case. */
async function fuzzAndCheck(t: TestApp, part: FuzzPart, targets: FuzzTarget[], options: { routes?: string[] }): Promise<string[]> {
  const before = memory();
  const watch = watchProcess();
  const started = Date.now();
  let figures;
  try {
    figures = await runFuzz({ url: t.url, seed: part.seed, firstCase: part.firstCase, cases: part.cases, targets });
  } finally {
    watch.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  const health = await fetch(`${t.url}/health`);
  const after = memory();
  const routesWithoutCases = (options.routes ?? targets.map((target) => target.name)).filter((name) => !(figures.byTarget[name]?.cases > 0));
  recordHostileFigures(part.section, {
    ...figures,
    firstCase: part.firstCase,
    targets: targets.length,
    routesWithoutCases,
    failures: figures.failures.slice(0, 20),
    escaped: watch.escaped.slice(0, 20),
    healthAfter: health.status,
    memoryBefore: before,
    memoryAfter: after,
    seconds,
  });

  if (figures.failures.length > 0) console.error(serverErrors(t));
  expect(figures.failures.slice(0, 5)).toEqual([]);
  expect(watch.escaped).toEqual([]);
  expect(health.status).toBe(200);
  expect(figures.cases).toBe(part.cases);
  expect(targets.map((target) => target.name).filter((name) => !(figures.byTarget[name].cases > 0))).toEqual([]);
  return routesWithoutCases;
}
