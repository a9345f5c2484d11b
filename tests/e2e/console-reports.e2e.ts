import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type DatabaseHandle, withClient } from '@turbota/persistence';
import { axeScopeAt, seriousViolations } from '../support/axe';
import { browserTestsRunHere, launchBrowser, saveScreenshot } from '../support/browser';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TurbotaProcess } from '../support/turbota-process';
import { waitFor } from '../support/wait-for';

jest.setTimeout(300_000);

const ADMIN_API_KEY = 'console-reports-admin-key-0123456789abcdef';
const LOCALES = ['uk', 'ru', 'en'] as const;
type Locale = (typeof LOCALES)[number];
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const CHARTS = ['npsTrend', 'csatTrend', 'cesTrend', 'distribution', 'responseRate', 'factors', 'incidents', 'problems'].sort();
const HEADER = 'responded_at,customer_id,channel,locale,agent,service_type,point_of_service,metric,score';
const DAY = 86_400_000;

const SUPERVISOR = { email: 'iryna@example.com', displayName: 'Iryna Supervisor', role: 'supervisor', password: 'iryna-password-long' };
const VIEWER = { email: 'viktor@example.com', displayName: 'Viktor Viewer', role: 'viewer', password: 'viktor-password-long' };
type Person = typeof SUPERVISOR;

/** What the reports page says in each language, as a person reads it. */
const TEXT: Record<Locale, { title: string; npsTrend: string; ci: RegExp; updated: string; channel: string; language: string }> = {
  uk: { title: 'Звіти · Turbota', npsTrend: 'Динаміка NPS', ci: /^95% ДІ від /, updated: 'Оновлено за період {from} – {to}.', channel: 'Канал', language: 'Мова' },
  ru: { title: 'Отчёты · Turbota', npsTrend: 'Динамика NPS', ci: /^95% ДИ от /, updated: 'Обновлено за период {from} – {to}.', channel: 'Канал', language: 'Язык' },
  en: { title: 'Reports · Turbota', npsTrend: 'NPS trend', ci: /^95% CI /, updated: 'Updated for {from} to {to}.', channel: 'Channel', language: 'Language' },
};

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

const runsHere = browserTestsRunHere();

(runsHere ? describe : describe.skip)(`reports and problems in the console, in a real browser (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let dataDir: string;
  let turbota: TurbotaProcess;
  let browser: Browser;
  let viewerKey: string;
  let incidentIds: string[];
  /** Script errors and refusals of the page's CSP, expected to stay empty. */
  const pageErrors: string[] = [];

  async function api<T>(path: string, init: { method?: string; body?: unknown; key?: string; headers?: Record<string, string>; csv?: string } = {}): Promise<{ status: number; body: T }> {
    const res = await fetch(`${turbota.url}${path}`, {
      method: init.method ?? (init.body === undefined && init.csv === undefined ? 'GET' : 'POST'),
      headers: { 'Content-Type': init.csv === undefined ? 'application/json' : 'text/csv', Authorization: `Bearer ${init.key ?? ADMIN_API_KEY}`, ...init.headers },
      body: init.csv ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  }

  /** Runs SQL on the test database. */
  async function sql(text: string, values: unknown[]): Promise<void> {
    await withClient(database.url, (client) => client.query(text, values));
  }

  /**
   * Surveys as the dialogue leaves them (an invitation, its conversation, an NPS and Likert factor
   * answers) and invitations nobody answered, so factor importance and the response rate can be estimated.
   */
  async function seedSurveys(): Promise<void> {
    for (let i = 0; i < 24; i++) {
      const nps = [10, 9, 3, 8, 6, 10, 2, 7, 9, 5, 10, 4][i % 12];
      await sql(
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
        [`survey-${i}`, new Date(Date.now() - (2 + (i % 20)) * DAY), nps, Math.max(1, Math.min(5, Math.round(nps / 2))), [3, 4, 4, 3, 5, 3][i % 6], i % 3 ? 'telegram' : 'viber'],
      );
    }
    for (let i = 0; i < 12; i++) {
      const at = new Date(Date.now() - (3 + i) * DAY);
      await sql(
        `INSERT INTO "contact" ("channel", "locale", "external_id", "occurred_at", "decision", "decided_at", "invited_at", "non_responder_at") VALUES ($1, 'en', $2, $3, 'invited', $3, $3, $3)`,
        [i % 2 ? 'telegram' : 'viber', `silent-${i}`, at],
      );
    }
  }

  /** An invited person who has accepted with a password. */
  async function person({ password, ...invitation }: Person): Promise<void> {
    const invited = await api<{ inviteUrl: string }>('/api/v1/users', { body: invitation });
    expect(invited.status).toBe(201);
    const accepted = await fetch(`${turbota.url}/api/v1/auth/invitations/${invited.body.inviteUrl.split('/').pop()}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: turbota.url },
      body: JSON.stringify({ password }),
    });
    expect(accepted.status).toBe(201);
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'turbota-console-reports-'));
    turbota = await (await TurbotaProcess.start('standalone', { DATABASE_URL: database.url, ADMIN_API_KEY, DATA_DIR: dataDir })).ready();
    browser = await launchBrowser();
    viewerKey = (await api<{ key: string }>('/api/v1/api-keys', { body: { name: 'Wall screen', role: 'viewer' } })).body.key;
    const integration = (await api<{ key: string }>('/api/v1/api-keys', { body: { name: 'CRM', role: 'integration' } })).body.key;
    await expect(api('/api/v1/imports/responses', { csv: seedCsv() })).resolves.toMatchObject({ body: { accepted: 360, rejectedCount: 0 } });
    await seedSurveys();
    // Three customers complain of the queue at one point within days: a problem.
    incidentIds = [];
    for (let i = 0; i < 3; i++) {
      const body = { externalId: `crm-queue-${i}`, phone: `+38067123456${i}`, locale: 'uk', metric: 'nps', score: 3, reasonCode: 'queue', pointOfService: 'kyiv-central', text: `Waited an hour (${i}).` };
      const created = await api<{ id: string }>('/api/v1/incidents', { key: integration, body });
      expect(created.status).toBe(201);
      incidentIds.push(created.body.id);
    }
    await person(SUPERVISOR);
    await person(VIEWER);
  });

  afterAll(async () => {
    await browser?.close();
    await turbota?.stop();
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh browser in a language and at a size, with its errors collected. */
  async function fresh(options: { locale: Locale; viewport: keyof typeof VIEWPORTS; headers?: Record<string, string> }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: VIEWPORTS[options.viewport], locale: options.locale, extraHTTPHeaders: options.headers });
    const page = await context.newPage();
    page.on('console', (message) => {
      // A refused API call (a 412 of a stale page) is the browser's console error by design; a CSP refusal is not.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(`${message.text()} at ${page.url()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(`${error.message} at ${page.url()}`));
    return { context, page };
  }

  /** A person signed in (as the sign-in page would) on a console page. */
  async function signedIn(who: Person, path: string, options: { locale: Locale; viewport: keyof typeof VIEWPORTS }): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page } = await fresh(options);
    const res = await context.request.post(`${turbota.url}/api/v1/auth/login`, { data: { email: who.email, password: who.password }, headers: { Origin: turbota.url } });
    expect(res.status()).toBe(200);
    await page.goto(`${turbota.url}${path}`);
    await page.locator('main h1').first().waitFor();
    return { context, page };
  }

  const ready = (page: Page) => page.waitForSelector('.reports[data-state="ready"]');

  async function summary(query: Record<string, string>): Promise<{ nps: Estimate }> {
    return (await api<{ nps: Estimate }>(`/api/v1/reports/summary?${new URLSearchParams(query).toString()}`, { key: viewerKey })).body;
  }

  /** The headline NPS as the page prints it in English, from the API's figures. */
  function npsTexts(nps: Estimate): string[] {
    const whole = (v: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(v);
    return [whole(nps.value!), `95% CI ${whole(nps.ci95![0])} to ${whole(nps.ci95![1])}`, `n = ${whole(nps.n)}`];
  }

  const shownNps = (page: Page) => page.locator('[data-metric="nps"] p').allTextContents();
  const showsNps = (page: Page, nps: Estimate) => waitFor(async () => ((await shownNps(page)).join('|') === npsTexts(nps).join('|') ? true : undefined));

  /** The cards whose canvas has pixels drawn on it (run in the page, which has the DOM). */
  function drawnCharts(page: Page): Promise<string[]> {
    return page.evaluate(`[...document.querySelectorAll('[data-chart]')].filter((card) => {
      const canvas = card.querySelector('canvas');
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) return true;
      return false;
    }).map((card) => card.dataset.chart).sort()`);
  }

  /** The addresses the links a selector finds lead to, as written in the page. */
  const hrefs = (page: Page, selector: string) => page.evaluate<string[]>(`[...document.querySelectorAll('${selector}')].map((a) => a.getAttribute('href'))`);

  const sidewaysScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');

  /**
   * axe (with every table of numbers open) as `axeScopeAt` says, no sideways scroll on the phone, and screenshots of both widths in every language.
   */
  async function auditEveryWay(page: Page, name: string): Promise<void> {
    const setNumbersOpen = (open: boolean) => page.evaluate(`document.querySelectorAll('details.numbers').forEach((details) => { details.open = ${open}; })`);
    for (const locale of LOCALES) {
      await page.locator('header select').selectOption(locale);
      await expect(page.getAttribute('html', 'lang')).resolves.toBe(locale);
      for (const viewport of ['phone', 'desktop'] as const) {
        await page.setViewportSize(VIEWPORTS[viewport]);
        // The charts follow the new width a frame or two later (Chart.js watches their boxes), later still on a busy
        // machine. Polled from here: waitForFunction's string would be evaluated in the page, which its CSP refuses.
        await waitFor(async () => ((await sidewaysScroll(page)) ? undefined : true), 10_000).catch(() => undefined);
        const scope = axeScopeAt(locale, viewport);
        if (scope) {
          await setNumbersOpen(true);
          expect({ page: name, locale, viewport, violations: await seriousViolations(page, scope) }).toEqual({ page: name, locale, viewport, violations: [] });
          await setNumbersOpen(false);
        }
        if (viewport === 'phone') await expect(sidewaysScroll(page)).resolves.toBe(false);
        await saveScreenshot(page, `console-${name}-${locale}-${VIEWPORTS[viewport].width}.png`, { fullPage: true });
      }
    }
    await page.locator('header select').selectOption('en');
  }

  it('leads the old dashboard address through sign-in to the reports', async () => {
    const { context, page } = await fresh({ locale: 'en', viewport: 'desktop' });
    await page.goto(`${turbota.url}/dashboard`);
    await page.waitForURL(/\/console\/login\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/console/reports');
    await page.getByLabel('E-mail').fill(VIEWER.email);
    await page.getByLabel('Password').fill(VIEWER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${turbota.url}/console/reports`);
    await ready(page);
    await expect(page.getByRole('link', { name: 'Reports' }).getAttribute('aria-current')).resolves.toBe('page');
    await context.close();
  });

  it('draws every report with the figures, intervals and n the API gives, offers each as CSV, and redraws for cuts and languages', async () => {
    const { context, page } = await signedIn(VIEWER, '/console/reports', { locale: 'en', viewport: 'desktop' });
    await ready(page);
    await expect(drawnCharts(page)).resolves.toEqual(CHARTS);

    const last30 = { from: dayBefore(29), to: dayBefore(0) };
    const expected = await summary(last30);
    expect(expected.nps.n).toBe(29 * 4);
    await expect(shownNps(page)).resolves.toEqual(npsTexts(expected.nps));
    await expect(page.locator('[data-metric="rate"] .kpi__value').textContent()).resolves.toBe('67%');
    await expect(page.getByRole('status').textContent()).resolves.toBe(TEXT.en.updated.replace('{from}', last30.from).replace('{to}', last30.to));

    // Every chart has a spoken summary and a table of its numbers.
    for (const name of CHARTS) {
      expect((await page.getAttribute(`[data-chart="${name}"] canvas`, 'aria-label'))?.length).toBeGreaterThan(10);
      expect(await page.locator(`[data-chart="${name}"] table tbody tr`).count()).toBeGreaterThan(0);
    }
    const trend = (await api<{ points: unknown[] }>(`/api/v1/reports/trend?${new URLSearchParams({ ...last30, metric: 'nps', interval: 'week' }).toString()}`)).body;
    expect(await page.locator('[data-chart="npsTrend"] table tbody tr').count()).toBe(trend.points.length);
    await expect(page.locator('[data-chart="factors"] table tbody th').first().textContent()).resolves.toBe('Reliability');
    await expect(page.locator('[data-chart="responseRate"] table tbody th').allTextContents()).resolves.toEqual(['All channels', 'telegram', 'viber']);
    // Each channel's invitees' NPS beside its rate; no cost without INVITATION_PRICES.
    await expect(page.locator('[data-chart="responseRate"] table thead th').allTextContents()).resolves.toEqual(['Channel', 'Value', '95% low', '95% high', 'Invited', 'Answered', 'NPS of invitees']);
    await expect(page.locator('[data-chart="problems"] table').last().locator('tbody th').allTextContents()).resolves.toEqual(['queue']);

    // Each report downloads as CSV with the session alone, for the same period and cuts.
    const links = await hrefs(page, 'a.report__csv');
    expect(links).toHaveLength(CHARTS.length + 1);
    for (const link of links) {
      const res = await page.request.get(`${turbota.url}${link}`);
      expect([link, res.status(), res.headers()['content-type']]).toEqual([link, 200, 'text/csv; charset=utf-8']);
      expect(new URL(link, turbota.url).searchParams.get('from')).toBe(last30.from);
    }
    const [, npsLine] = (await (await page.request.get(`${turbota.url}${links[0]}`)).text()).split('\r\n');
    const cells = npsLine.split(',');
    expect(cells.slice(0, 4)).toEqual(['all', '', 'nps', String(expected.nps.n)]);
    expect([Number(cells[4]), Number(cells[5]), Number(cells[6])]).toEqual([expected.nps.value, ...expected.nps.ci95!]);
    await saveScreenshot(page, 'console-reports-desktop-en.png', { fullPage: true });

    // A cut re-queries: viber alone has its own, lower NPS, and the address keeps it.
    await page.getByLabel(TEXT.en.channel, { exact: true }).selectOption('viber');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const viber = await summary({ ...last30, channel: 'viber' });
    expect(viber.nps.value).toBeLessThan(expected.nps.value!);
    await showsNps(page, viber.nps);
    expect(new URL(page.url()).searchParams.get('channel')).toBe('viber');
    await expect(page.locator('a.report__csv').first().getAttribute('href')).resolves.toContain('channel=viber');

    // A longer period: all 60 days of viber answers.
    await page.getByRole('button', { name: '90 days', exact: true }).click();
    const viber90 = await summary({ from: dayBefore(89), to: dayBefore(0), channel: 'viber' });
    expect(viber90.nps.n).toBe(120);
    await showsNps(page, viber90.nps);
    await ready(page);
    await expect(page.getByRole('button', { name: '90 days', exact: true }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(drawnCharts(page)).resolves.toEqual(CHARTS);

    // Switching to Ukrainian redraws in place, keeping the filters.
    await page.getByLabel(TEXT.en.language, { exact: true }).selectOption('uk');
    await expect(page.getAttribute('html', 'lang')).resolves.toBe('uk');
    await expect(page.getByRole('heading', { name: TEXT.uk.npsTrend, exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-metric="nps"] .kpi__ci').textContent()).resolves.toMatch(TEXT.uk.ci);
    await expect(page.title()).resolves.toBe(TEXT.uk.title);
    await expect(page.getByRole('status').textContent()).resolves.toBe(TEXT.uk.updated.replace('{from}', dayBefore(89)).replace('{to}', dayBefore(0)));
    await expect(page.getByLabel(TEXT.uk.channel, { exact: true }).inputValue()).resolves.toBe('viber');
    await expect(drawnCharts(page)).resolves.toEqual(CHARTS);
    await saveScreenshot(page, 'console-reports-desktop-uk.png', { fullPage: true });
    await context.close();
  });

  it('has no serious or critical axe violation on the reports in any language, and fits a phone', async () => {
    const { context, page } = await signedIn(VIEWER, '/console/reports', { locale: 'uk', viewport: 'phone' });
    await ready(page);
    await expect(drawnCharts(page)).resolves.toEqual(CHARTS);
    await expect(sidewaysScroll(page)).resolves.toBe(false);
    await auditEveryWay(page, 'reports');
    await context.close();
  });

  it('opens straight onto the reports when a wall screen sends a viewer key as a Bearer header', async () => {
    const { context, page } = await fresh({ locale: 'en', viewport: 'desktop', headers: { Authorization: `Bearer ${viewerKey}` } });
    await page.goto(`${turbota.url}/dashboard`);
    await page.waitForURL(`${turbota.url}/console/reports`);
    await ready(page);
    await expect(shownNps(page)).resolves.toEqual(npsTexts((await summary({ from: dayBefore(29), to: dayBefore(0) })).nps));
    await context.close();
  });

  describe('problems', () => {
    let problemId: string;
    let supervisor: Page;

    it('lists the problem the repeated incidents made, under the filters the API offers', async () => {
      ({ page: supervisor } = await signedIn(SUPERVISOR, '/console/problems', { locale: 'en', viewport: 'desktop' }));
      const { items } = (await api<{ items: { id: string; number: number }[] }>('/api/v1/problems')).body;
      expect(items).toHaveLength(1);
      problemId = items[0].id;
      const row = supervisor.locator('tr', { has: supervisor.getByRole('link', { name: `PRB-${items[0].number}`, exact: true }) });
      await row.waitFor();
      await expect(row.locator('td').allTextContents()).resolves.toEqual(['queue', 'Point of service: kyiv-central', '3', expect.stringMatching(/^\d+ min$/) as string]);
      await expect(row.locator('.status').textContent()).resolves.toBe('Open');

      await supervisor.getByText('Filters', { exact: true }).click();
      await supervisor.getByLabel('Shared by the incidents').selectOption('agent');
      await supervisor.getByRole('button', { name: 'Apply' }).click();
      await supervisor.getByText('No problem here.').waitFor();
      expect(new URL(supervisor.url()).searchParams.get('dimension')).toBe('agent');
      await supervisor.getByRole('button', { name: 'Clear' }).click();
      await row.waitFor();
      await supervisor.getByText('Filters', { exact: true }).click();
      await supervisor.getByLabel('Status').selectOption('fixed');
      await supervisor.getByLabel('Reason').fill('queue');
      await supervisor.getByRole('button', { name: 'Apply' }).click();
      await supervisor.getByText('No problem here.').waitFor();
      await supervisor.getByLabel('Status').selectOption('all');
      await supervisor.getByRole('button', { name: 'Apply' }).click();
      await row.waitFor();
      await auditEveryWay(supervisor, 'problems');
    });

    it('shows a problem with its incidents and history, and moves it with If-Match, saying who changed it first', async () => {
      await supervisor.getByRole('link', { name: /^PRB-\d+$/ }).click();
      await supervisor.waitForURL(`${turbota.url}/console/problems/${problemId}`);
      await supervisor.getByRole('heading', { name: 'Its incidents' }).waitFor();
      const links = await hrefs(supervisor, '.problem-incidents tbody a');
      expect(links.sort()).toEqual(incidentIds.map((id) => `/console/incidents/${id}`).sort());
      // What Turbota found, in the reader's words rather than the English note it wrote.
      await expect(supervisor.locator('.history__note').first().textContent()).resolves.toBe('Incidents: 3, reason “queue”, point of service: kyiv-central, within 7 days.');

      await supervisor.getByLabel('Note (optional)').fill('Two cashiers were on leave.');
      await supervisor.getByRole('button', { name: 'Start investigating' }).click();
      await supervisor.getByText('Done: Investigation started.').waitFor();
      await expect(supervisor.locator('.problem__head .status').textContent()).resolves.toBe('Being investigated');
      await expect(supervisor.locator('.history').textContent()).resolves.toContain(`Investigation started · ${SUPERVISOR.displayName}`);
      await expect(supervisor.locator('.history').textContent()).resolves.toContain('Two cashiers were on leave.');

      // With its live updates cut off, the page keeps showing it under investigation while a machine fixes it.
      await supervisor.route('**/api/v1/events**', (route) => route.abort());
      await supervisor.reload();
      await supervisor.locator('.live--waiting').waitFor();
      const current = await api<{ version: number }>(`/api/v1/problems/${problemId}`);
      expect((await api(`/api/v1/problems/${problemId}/transitions`, { body: { action: 'fix' }, headers: { 'If-Match': `"${current.body.version}"` } })).status).toBe(201);
      await supervisor.getByRole('button', { name: 'Mark fixed' }).click();
      await supervisor.getByText(/^Changed by ADMIN_API_KEY a moment ago/).waitFor();
      await expect(supervisor.locator('.problem__head .status').textContent()).resolves.toBe('Fixed');
      await supervisor.getByRole('button', { name: 'Reopen' }).click();
      await supervisor.getByText('Done: Reopened.').waitFor();
      await expect(api(`/api/v1/problems/${problemId}`)).resolves.toMatchObject({ body: { status: 'open', allowedActions: ['investigate', 'fix'] } });
      await supervisor.unroute('**/api/v1/events**');
      await supervisor.reload();
      await supervisor.locator('.live--on').waitFor();
      await auditEveryWay(supervisor, 'problem');

      // Each incident leads to its own page, whose problem leads back.
      await supervisor.locator('.problem-incidents tbody a').first().click();
      await supervisor.waitForURL(/\/console\/incidents\/[\w-]+$/);
      await supervisor.getByRole('heading', { level: 1, name: /^INC-\d+$/ }).waitFor();
      await supervisor.locator('.incident__contact').getByRole('link', { name: /^PRB-\d+$/ }).click();
      await supervisor.waitForURL(`${turbota.url}/console/problems/${problemId}`);
      await supervisor.getByRole('heading', { name: 'Its incidents' }).waitFor();
      await supervisor.context().close();
    });

    it('lets a viewer read a problem but not move it', async () => {
      const { context, page } = await signedIn(VIEWER, `/console/problems/${problemId}`, { locale: 'en', viewport: 'phone' });
      await page.getByText('Your role may read problems but not act on them.').waitFor();
      await expect(page.getByRole('button', { name: 'Start investigating' }).count()).resolves.toBe(0);
      await expect(page.locator('.problem-incidents tbody tr').count()).resolves.toBe(3);
      await expect(sidewaysScroll(page)).resolves.toBe(false);
      await context.close();
    });

    it('shows anyone’s move on a problem, its incidents and the list of problems, without a reload', async () => {
      const { context, page } = await signedIn(VIEWER, `/console/problems/${problemId}`, { locale: 'en', viewport: 'desktop' });
      await page.locator('.live--on').waitFor();
      await expect(page.locator('.problem__head .status').textContent()).resolves.toBe('Open');
      const move = async (path: string, action: string, note?: string) => {
        const { body } = await api<{ version: number }>(path);
        expect((await api(`${path}/transitions`, { body: { action, note }, headers: { 'If-Match': `"${body.version}"` } })).status).toBe(201);
      };
      await move(`/api/v1/problems/${problemId}`, 'investigate', 'The rota is being checked.');
      await page.locator('.problem__head .status', { hasText: 'Being investigated' }).waitFor();
      await expect(page.locator('.history').textContent()).resolves.toContain('The rota is being checked.');
      // One of its incidents moves on: its row says so.
      await move(`/api/v1/incidents/${incidentIds[0]}`, 'acknowledge');
      await page.locator('.problem-incidents tbody tr', { has: page.locator(`a[href="/console/incidents/${incidentIds[0]}"]`) }).locator('.status', { hasText: 'Acknowledged' }).waitFor();

      // The list of unsettled problems loses it when it is fixed, and has it again when it is reopened.
      await page.getByRole('link', { name: 'Problems', exact: true }).click();
      const row = page.locator('tr', { has: page.getByRole('link', { name: /^PRB-\d+$/ }) });
      await expect(row.locator('.status').textContent()).resolves.toBe('Being investigated');
      await move(`/api/v1/problems/${problemId}`, 'fix');
      await page.getByText('No problem here.').waitFor();
      await move(`/api/v1/problems/${problemId}`, 'reopen');
      await row.locator('.status', { hasText: 'Open' }).waitFor();
      await context.close();
    });
  });

  it('ran under its Content-Security-Policy without a script error, and never logged a key or a password', () => {
    expect(pageErrors).toEqual([]);
    const output = turbota.output.join('\n');
    for (const secret of [viewerKey, SUPERVISOR.password, VIEWER.password]) expect(output).not.toContain(secret);
  });
});
