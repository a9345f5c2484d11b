import { performance } from 'node:perf_hooks';
import { telegramUpdate } from '../../support/telegram-fixtures';
import { browserAvailable, launchBrowser } from '../../support/browser';
import { FakeTelegram } from '../../support/fake-telegram';
import { Api } from '../../support/incidents-api';
import { startTestApp, TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { recordFigures } from './support';
import { postTelegramUpdate } from '../../support/webhooks';

const TOKEN = '7000000002:AAHrate-limit-token';
const SECRET = 'rate-limit-webhook-secret_1';
const API_BUDGET = 5;
const SESSION_BUDGET = 3;

describe(`Rate limits and security headers (${databaseKind})`, () => {
  let fake: FakeTelegram;
  let t: TestApp;
  let api: Api;
  const figures: Record<string, unknown> = { apiBudgetPerMinute: API_BUDGET, chatSessionBudgetPerMinute: SESSION_BUDGET };

  beforeAll(async () => {
    fake = await FakeTelegram.start(TOKEN);
    t = await startTestApp({
      env: {
        API_RATE_LIMIT_PER_MINUTE: String(API_BUDGET),
        CHAT_SESSION_RATE_LIMIT_PER_MINUTE: String(SESSION_BUDGET),
        TRUST_PROXY: 'loopback',
        PUBLIC_URL: 'https://feedback.example.com',
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: fake.url,
      },
    });
    api = new Api(t.url);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
    recordFigures('rateLimitsAndHeaders', figures);
  });

  /** Calls until the first 429 (at most `max`); how many went through, the 429, and how long it took. */
  async function spend(call: () => Promise<Response>, max: number) {
    const started = performance.now();
    let allowed = 0;
    for (let i = 0; i < max; i++) {
      const res = await call();
      if (res.status === 429) return { allowed, refused: res, elapsedMs: performance.now() - started };
      expect(res.status).toBeLessThan(400);
      await res.arrayBuffer();
      allowed++;
    }
    return { allowed, refused: undefined, elapsedMs: performance.now() - started };
  }

  /** A full bucket allows the budget at once, plus what refilled meanwhile (budget a minute). */
  const burstBound = (budget: number, elapsedMs: number) => budget + Math.floor((elapsedMs * budget) / 60_000);

  it('answers 429 with Retry-After and a message once an API key spends its budget, while other keys go on', async () => {
    const viewer = api.as(await api.key('viewer'));
    const other = api.as(await api.key('viewer', 'another viewer'));
    const { allowed, refused, elapsedMs } = await spend(() => viewer.call('/api/v1/points'), API_BUDGET * 3);
    expect(refused).toBeDefined();
    expect(allowed).toBeGreaterThanOrEqual(API_BUDGET);
    expect(allowed).toBeLessThanOrEqual(burstBound(API_BUDGET, elapsedMs));
    const retryAfter = refused!.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60 / API_BUDGET);
    const body = (await refused!.json()) as { statusCode: number; message: string; retryAfterSeconds: number };
    expect(body).toMatchObject({ statusCode: 429, retryAfterSeconds: Number(retryAfter) });
    expect(body.message).toBe(`This API key made more than its ${API_BUDGET} requests a minute; retry after ${retryAfter} s`);
    // Refused again at once, whatever the endpoint; another key and the admin are untouched.
    expect((await viewer.call('/api/v1/reports/summary')).status).toBe(429);
    expect((await other.call('/api/v1/points')).status).toBe(200);
    expect((await api.call('/api/v1/points')).status).toBe(200);
    figures.apiKey = { allowedBeforeFirst429: allowed, retryAfterSeconds: Number(retryAfter), elapsedMs: Math.round(elapsedMs) };
  });

  it('never rate-limits webhooks: every Telegram update past any budget is acknowledged', async () => {
    const updates = API_BUDGET * 4;
    const statuses: number[] = [];
    for (let i = 0; i < updates; i++) {
      const update = telegramUpdate('message-start', { updateId: 900_000 + i, chatId: 3_000_000 + i });
      const res = await postTelegramUpdate(t.url, update, { secret: SECRET });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    figures.webhooks = { sent: updates, acknowledged: statuses.filter((s) => s === 200).length };
  });

  it('limits new web chat sessions per client address, taken from X-Forwarded-For only behind a trusted proxy', async () => {
    const open = (forwardedFor: string) =>
      fetch(`${t.url}/chat/api/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor }, body: JSON.stringify({ locale: 'en' }) });
    const first = await spend(() => open('203.0.113.7'), SESSION_BUDGET * 3);
    expect(first.refused).toBeDefined();
    expect(first.allowed).toBeGreaterThanOrEqual(SESSION_BUDGET);
    expect(first.allowed).toBeLessThanOrEqual(burstBound(SESSION_BUDGET, first.elapsedMs));
    const retryAfter = Number(first.refused!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(((await first.refused!.json()) as { message: string }).message).toBe(
      `More than ${SESSION_BUDGET} new web chat sessions a minute came from this address; retry after ${retryAfter} s`,
    );
    // Another customer behind the same proxy is served.
    const neighbour = await open('203.0.113.8');
    expect(neighbour.status).toBe(200);
    // A conversation under way is not counted: answering goes on from the limited address.
    const { session } = (await neighbour.json()) as { session: string };
    for (let i = 0; i < SESSION_BUDGET * 2; i++) {
      const res = await fetch(`${t.url}/chat/api/sessions/${session}/inputs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.7' },
        body: JSON.stringify({ id: `rate-limit-input-${i}`, input: { kind: 'text', text: `note ${i}` } }),
      });
      expect(res.status).toBe(200);
    }
    figures.chatSessions = { allowedBeforeFirst429: first.allowed, retryAfterSeconds: retryAfter };
  });

  it('sends the security headers on pages, API answers, errors and webhooks, with HSTS as PUBLIC_URL is https', async () => {
    const viewer = await api.key('viewer', 'headers viewer');
    const checks: [string, RequestInit, { csp: RegExp; noStore: boolean }][] = [
      ['/chat?lang=en', {}, { csp: /connect-src 'self'/, noStore: true }],
      ['/console/reports', {}, { csp: /script-src 'self'; style-src 'self'/, noStore: false }],
      ['/docs', {}, { csp: /script-src 'self'; style-src 'self' 'unsafe-inline'/, noStore: false }],
      ['/api/v1/points', { headers: { Authorization: `Bearer ${viewer}` } }, { csp: /^default-src 'none'/, noStore: true }],
      ['/api/v1/responses/export', { headers: { Authorization: `Bearer ${viewer}` } }, { csp: /^default-src 'none'/, noStore: true }],
      ['/api/v1/incidents', {}, { csp: /^default-src 'none'/, noStore: true }],
      ['/api/v1/incidents/not-an-id', { headers: { Authorization: `Bearer ${viewer}` } }, { csp: /^default-src 'none'/, noStore: true }],
      ['/chat/api/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"locale":"en"}' }, { csp: /^default-src 'none'/, noStore: true }],
      ['/webhooks/telegram', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }, { csp: /^default-src 'none'/, noStore: false }],
      ['/health', {}, { csp: /^default-src 'none'/, noStore: true }],
    ];
    const missing: string[] = [];
    for (const [path, init, want] of checks) {
      const res = await fetch(`${t.url}${path}`, init);
      await res.arrayBuffer();
      const h = (name: string) => res.headers.get(name) ?? '';
      const problems = [
        h('x-content-type-options') === 'nosniff' ? '' : 'nosniff',
        h('referrer-policy') === 'no-referrer' ? '' : 'Referrer-Policy',
        h('x-frame-options') === 'DENY' ? '' : 'X-Frame-Options',
        h('content-security-policy').includes("frame-ancestors 'none'") && want.csp.test(h('content-security-policy')) ? '' : `CSP (${h('content-security-policy')})`,
        h('strict-transport-security') === 'max-age=31536000' ? '' : 'HSTS',
        !want.noStore || h('cache-control') === 'no-store' ? '' : `no-store (${h('cache-control')})`,
        h('x-powered-by') === '' ? '' : 'X-Powered-By',
      ].filter(Boolean);
      if (problems.length > 0) missing.push(`${path} (${res.status}): ${problems.join(', ')}`);
    }
    figures.headers = { responsesChecked: checks.length, missing: missing.length };
    expect(missing).toEqual([]);
  });

  it('renders the OpenAPI UI under its Content-Security-Policy without a violation', async () => {
    if (!browserAvailable()) return;
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
      });
      await page.goto(`${t.url}/docs`);
      await page.locator('.swagger-ui .info .title').filter({ hasText: 'Turbota API' }).waitFor({ timeout: 20_000 });
      await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
      expect(violations).toEqual([]);
      figures.docsCspViolations = violations.length;
    } finally {
      await browser.close();
    }
  });
});
