import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { projectPath } from '@turbota/common';
import type { DatabaseHandle } from '@turbota/persistence';
import { browserAvailable, launchBrowser, saveScreenshot } from '../support/browser';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TurbotaProcess } from '../support/turbota-process';

jest.setTimeout(180_000);

const ADMIN_API_KEY = 'dashboard-admin-key-0123456789abcdef';
const STRINGS = JSON.parse(readFileSync(projectPath('apps/api/web/dashboard/strings.json'), 'utf8')) as Record<string, Record<string, string>>;
const HEADER = 'responded_at,customer_id,channel,locale,agent,service_type,point_of_service,metric,score';
const CHARTS = ['npsTrend', 'distribution', 'responseRate', 'csatTrend', 'cesTrend', 'factors', 'incidents'];
const DAY = 86_400_000;

interface Estimate {
  value: number | null;
  n: number;
  ci95: [number, number] | null;
}

const dayBefore = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

/** 60 days of answers on two channels: telegram customers are happier than viber ones. */
function seedCsv(): string {
  const nps = { telegram: [10, 9, 9, 8, 7, 10, 6, 9, 3, 10, 9], viber: [6, 9, 2, 8, 10, 5, 7, 9, 0, 4, 6] };
  const lines: string[] = [];
  for (let day = 1; day <= 60; day++) {
    const at = (hour: number) => `${dayBefore(day)}T${String(hour).padStart(2, '0')}:00:00Z`;
    for (const [channel, cycle] of Object.entries(nps)) {
      for (let k = 0; k < 2; k++) {
        const i = day * 2 + k;
        lines.push(`${at(9 + k)},crm-${channel}-${i},${channel},${i % 3 ? 'uk' : 'en'},${['olena', 'ivan'][k]},card,${['kyiv', 'lviv'][i % 2]},nps,${cycle[i % cycle.length]}`);
      }
    }
    const channel = day % 2 ? 'telegram' : 'viber';
    lines.push(`${at(12)},crm-c-${day},${channel},uk,olena,card,kyiv,csat,${[5, 4, 2, 5, 3, 4, 1][day % 7]}`);
    lines.push(`${at(13)},crm-e-${day},${channel},uk,ivan,card,lviv,ces,${[2, 3, 1, 5, 2, 6, 3][day % 7]}`);
  }
  return [HEADER, ...lines].join('\n');
}

(browserAvailable() ? describe : describe.skip)(`the dashboard in a real browser (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let turbota: TurbotaProcess;
  let browser: Browser;
  let viewerKey: string;

  const call = (path: string, init: RequestInit & { key?: string } = {}) =>
    fetch(`${turbota.url}${path}`, { ...init, headers: { Authorization: `Bearer ${init.key ?? ADMIN_API_KEY}`, ...(init.headers as Record<string, string>) } });

  /**
   * Surveys as the dialogue leaves them (an invitation, its conversation, an NPS and Likert factor
   * answers) and invitations nobody answered, so factor importance and the response rate can be estimated.
   */
  async function seedSurveys(): Promise<void> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      for (let i = 0; i < 24; i++) {
        const nps = [10, 9, 3, 8, 6, 10, 2, 7, 9, 5, 10, 4][i % 12];
        const reliability = Math.max(1, Math.min(5, Math.round(nps / 2)));
        const empathy = [3, 4, 4, 3, 5, 3][i % 6];
        await client.query(
          `WITH c AS (INSERT INTO "customer" DEFAULT VALUES RETURNING "id"),
           i AS (INSERT INTO "customer_identity" ("customer_id", "channel", "address") SELECT "id", $6, $1 FROM c RETURNING "id", "customer_id"),
           v AS (INSERT INTO "conversation" ("identity_id", "customer_id", "kind", "status", "plan", "state", "channel", "locale")
                 SELECT "id", "customer_id", 'survey', 'completed', '{}', '{}', $6, 'en' FROM i RETURNING "id"),
           k AS (INSERT INTO "contact" ("channel", "locale", "external_id", "occurred_at", "decision", "decided_at", "invited_at", "conversation_id")
                 SELECT $6, 'en', $1, $2, 'invited', $2, $2, "id" FROM v)
           INSERT INTO "answer" ("conversation_id", "channel", "locale", "question_code", "question_type", "question_text", "factor", "integral", "score", "answered_at")
           SELECT v."id", $6, 'en', q.code, q.type, q.code, q.factor, q.integral, q.score, $2 FROM v,
             (VALUES ('nps', 'nps', NULL, true, $3::smallint), ('reliable', 'likert', 'reliability', false, $4::smallint), ('caring', 'likert', 'empathy', false, $5::smallint))
             AS q(code, type, factor, integral, score)`,
          [`survey-${i}`, new Date(Date.now() - (2 + (i % 20)) * DAY), nps, reliability, empathy, i % 3 ? 'telegram' : 'viber'],
        );
      }
      for (let i = 0; i < 12; i++) {
        const at = new Date(Date.now() - (3 + i) * DAY);
        await client.query(
          `INSERT INTO "contact" ("channel", "locale", "external_id", "occurred_at", "decision", "decided_at", "invited_at", "non_responder_at")
           VALUES ($1, 'en', $2, $3, 'invited', $3, $3, $3)`,
          [i % 2 ? 'telegram' : 'viber', `silent-${i}`, at],
        );
      }
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    turbota = await (await TurbotaProcess.start('standalone', { DATABASE_URL: database.url, ADMIN_API_KEY })).ready();
    browser = await launchBrowser();
    const created = await call('/api/v1/api-keys', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Wall screen', role: 'viewer' }) });
    viewerKey = ((await created.json()) as { key: string }).key;
    const imported = await call('/api/v1/imports/responses', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: seedCsv() });
    expect(await imported.json()).toMatchObject({ accepted: 360, rejectedCount: 0 });
    await seedSurveys();
  });

  afterAll(async () => {
    await browser?.close();
    await turbota?.stop();
    await database?.close();
  });

  /** Console errors of every page opened (a CSP violation is one), expected to stay empty. */
  const consoleErrors: string[] = [];

  async function open(viewport: { width: number; height: number }, options: { lang?: string; headers?: Record<string, string> } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale: 'en-GB', extraHTTPHeaders: options.headers });
    const page = await context.newPage();
    page.on('console', (message) => {
      // The wrong-key check is meant to fail; the browser reports that 401 on the console.
      if (message.type() === 'error' && !message.text().includes('401')) consoleErrors.push(`${message.text()} at ${message.location().url}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${turbota.url}/dashboard${options.lang ? `?lang=${options.lang}` : ''}`);
    return { context, page };
  }

  async function signIn(page: Page, key: string): Promise<void> {
    await page.getByLabel(STRINGS.en.apiKey).fill(key);
    await page.getByRole('button', { name: STRINGS.en.signIn, exact: true }).click();
  }

  const ready = (page: Page) => page.waitForSelector('body[data-state="ready"]');

  async function summary(query: Record<string, string>): Promise<{ nps: Estimate; responseRate: Estimate & { invited: number; answered: number } }> {
    const res = await call(`/api/v1/reports/summary?${new URLSearchParams(query).toString()}`, { key: viewerKey });
    expect(res.status).toBe(200);
    return (await res.json()) as Awaited<ReturnType<typeof summary>>;
  }

  /** The headline NPS as the page prints it in English, from the API's figures. */
  function npsTexts(nps: Estimate): string[] {
    const whole = (v: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(v);
    return [whole(nps.value!), `95% CI ${whole(nps.ci95![0])} to ${whole(nps.ci95![1])}`, `n = ${whole(nps.n)}`];
  }

  const shownNps = (page: Page) => page.locator('[data-metric="nps"] p').allTextContents();

  /** Every chart is a live Chart.js instance whose canvas has pixels drawn on it (run in the page, which has the DOM). */
  function drawnCharts(page: Page): Promise<{ instances: number; drawn: string[] }> {
    return page.evaluate(`(() => {
      const drawn = ${JSON.stringify(CHARTS)}.filter((name) => {
        const canvas = document.querySelector('[data-chart="' + name + '"] canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) return true;
        return false;
      });
      return { instances: Object.keys(window.Chart.instances).length, drawn };
    })()`);
  }

  const storedKey = (page: Page) => page.evaluate<string | null>(`sessionStorage.getItem('turbota.dashboard.key')`);

  it('refuses a wrong key with a clear message on the form', async () => {
    const { context, page } = await open({ width: 1280, height: 800 }, { lang: 'en' });
    await signIn(page, 'not-the-right-key-0123456789');
    await expect(page.getByRole('alert').textContent()).resolves.toBe(STRINGS.en.wrongKey);
    await expect(page.locator('#board').isHidden()).resolves.toBe(true);
    // The message follows the language.
    await page.getByLabel(STRINGS.en.language, { exact: true }).selectOption('ru');
    await expect(page.getByRole('alert').textContent()).resolves.toBe(STRINGS.ru.wrongKey);
    await context.close();
  });

  it('signs in with a viewer key and draws every chart with the figures the API reports', async () => {
    const { context, page } = await open({ width: 1280, height: 800 }, { lang: 'en' });
    await signIn(page, viewerKey);
    await ready(page);
    await expect(drawnCharts(page)).resolves.toEqual({ instances: CHARTS.length, drawn: CHARTS });

    const last30 = { from: dayBefore(29), to: dayBefore(0) };
    const expected = await summary(last30);
    expect(expected.nps.n).toBe(29 * 4);
    expect(expected.responseRate).toMatchObject({ invited: 36, answered: 24 });
    await expect(shownNps(page)).resolves.toEqual(npsTexts(expected.nps));
    // The key stays in the tab's session storage, never in the address.
    expect(page.url()).not.toContain(viewerKey);
    await expect(storedKey(page)).resolves.toBe(viewerKey);

    // Every chart has a spoken summary and a table of its numbers.
    for (const name of CHARTS) {
      const label = await page.getAttribute(`[data-chart="${name}"] canvas`, 'aria-label');
      expect(label?.length).toBeGreaterThan(10);
      expect(await page.locator(`[data-chart="${name}"] table tbody tr`).count()).toBeGreaterThan(0);
    }
    const trend = (await (await call(`/api/v1/reports/trend?${new URLSearchParams({ ...last30, metric: 'nps', interval: 'week' }).toString()}`, { key: viewerKey })).json()) as { points: unknown[] };
    expect(await page.locator('[data-chart="npsTrend"] table tbody tr').count()).toBe(trend.points.length);
    await expect(page.locator('[data-chart="factors"] table tbody th').first().textContent()).resolves.toBe(STRINGS.en['factor.reliability']);
    // The response rate: overall first, then each channel, each with its interval.
    await expect(page.locator('[data-chart="responseRate"] table tbody th').allTextContents()).resolves.toEqual([STRINGS.en.overall, 'telegram', 'viber']);
    await expect(page.locator('[data-metric="rate"] .kpi__value').textContent()).resolves.toBe('67%');
    await saveScreenshot(page, 'dashboard-desktop-en.png', { fullPage: true });

    // A cut re-queries: viber alone has its own, lower NPS.
    await page.getByLabel(STRINGS.en.channel).selectOption('viber');
    await page.getByRole('button', { name: STRINGS.en.apply, exact: true }).click();
    await ready(page);
    const viber = await summary({ ...last30, channel: 'viber' });
    expect(viber.nps.value).toBeLessThan(expected.nps.value!);
    await expect(shownNps(page)).resolves.toEqual(npsTexts(viber.nps));

    // A longer period: all 60 days of viber answers.
    await page.getByRole('button', { name: STRINGS.en.last90, exact: true }).click();
    await ready(page);
    const viber90 = await summary({ from: dayBefore(89), to: dayBefore(0), channel: 'viber' });
    expect(viber90.nps.n).toBe(120);
    await expect(shownNps(page)).resolves.toEqual(npsTexts(viber90.nps));
    await expect(drawnCharts(page)).resolves.toEqual({ instances: CHARTS.length, drawn: CHARTS });

    // Switching to Ukrainian redraws in place, keeping the filters.
    await page.getByLabel(STRINGS.en.language, { exact: true }).selectOption('uk');
    await expect(page.getAttribute('html', 'lang')).resolves.toBe('uk');
    await expect(page.getByRole('heading', { name: STRINGS.uk.npsTrend, exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-metric="nps"] .kpi__ci').textContent()).resolves.toMatch(/^95% ДІ від/);
    await expect(page.title()).resolves.toBe(STRINGS.uk.title);
    await expect(page.getByRole('status').textContent()).resolves.toBe(STRINGS.uk.updated.replace('{from}', dayBefore(89)).replace('{to}', dayBefore(0)));
    await expect(page.getByLabel(STRINGS.uk.channel).inputValue()).resolves.toBe('viber');
    await expect(drawnCharts(page)).resolves.toEqual({ instances: CHARTS.length, drawn: CHARTS });
    await saveScreenshot(page, 'dashboard-desktop-uk.png', { fullPage: true });
    await context.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const { context, page } = await open({ width: 390, height: 844 }, { lang: 'en' });
    await signIn(page, viewerKey);
    await ready(page);
    await expect(drawnCharts(page)).resolves.toEqual({ instances: CHARTS.length, drawn: CHARTS });
    const widths = await page.evaluate<{ scroll: number; client: number }>('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })');
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await saveScreenshot(page, 'dashboard-phone-en.png', { fullPage: true });
    await context.close();
  });

  it('opens straight onto the charts when a tool sends the key as a Bearer header', async () => {
    const { context, page } = await open({ width: 1280, height: 800 }, { lang: 'en', headers: { Authorization: `Bearer ${viewerKey}` } });
    await ready(page);
    await expect(page.locator('#sign-in').isHidden()).resolves.toBe(true);
    await expect(storedKey(page)).resolves.toBeNull();
    await expect(shownNps(page)).resolves.toEqual(npsTexts((await summary({ from: dayBefore(29), to: dayBefore(0) })).nps));
    await context.close();
  });

  it('ran under its Content-Security-Policy without a script error and never logged the key', () => {
    expect(consoleErrors).toEqual([]);
    expect(turbota.output.join('\n')).not.toContain(viewerKey);
  });
});
