import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DatabaseHandle } from '@turbota/persistence';
import { browserAvailable, launchBrowser, saveScreenshot } from '../support/browser';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TurbotaProcess } from '../support/turbota-process';

jest.setTimeout(300_000);

const ADMIN_API_KEY = 'console-audit-admin-key-0123456789abcdef';
const LOCALES = ['uk', 'ru', 'en'] as const;
type Locale = (typeof LOCALES)[number];
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const ADMIN = { email: 'audra@example.com', displayName: 'Audra Admin', role: 'admin', password: 'audra-password-long' };

/** What the audit page says in each language. */
const TEXT: Record<Locale, { title: string; point: string; changed: string; before: string; after: string }> = {
  uk: { title: 'Зміни налаштувань · Turbota', point: 'Точка обслуговування', changed: 'зміна', before: 'Було', after: 'Стало' },
  ru: { title: 'Изменения настроек · Turbota', point: 'Точка обслуживания', changed: 'изменение', before: 'Было', after: 'Стало' },
  en: { title: 'Configuration changes · Turbota', point: 'Point of service', changed: 'changed', before: 'Before', after: 'After' },
};

// The page reads the database only through the API, whose tests run on both databases: the
// browser suite runs in the embedded database's pass alone, which keeps CI short.
const runsHere = browserAvailable() && databaseKind === 'embedded PGlite';

(runsHere ? describe : describe.skip)(`the configuration audit in the console, in a real browser (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let dataDir: string;
  let turbota: TurbotaProcess;
  let browser: Browser;
  /** Script errors and refusals of the page's CSP, expected to stay empty. */
  const pageErrors: string[] = [];

  async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
    const res = await fetch(`${turbota.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_API_KEY}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'turbota-console-audit-'));
    turbota = await (await TurbotaProcess.start('standalone', { DATABASE_URL: database.url, ADMIN_API_KEY, DATA_DIR: dataDir })).ready();
    browser = await launchBrowser();
    const { password, ...invitation } = ADMIN;
    const invited = await api<{ inviteUrl: string }>('/api/v1/users', { body: invitation });
    expect(invited.status).toBe(201);
    const accepted = await fetch(`${turbota.url}/api/v1/auth/invitations/${invited.body.inviteUrl.split('/').pop()}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: turbota.url },
      body: JSON.stringify({ password }),
    });
    expect(accepted.status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await turbota?.stop();
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The admin signed in (as the sign-in page would) on a console page, in a language and at a size. */
  async function signedIn(path: string, options: { locale: Locale; viewport: keyof typeof VIEWPORTS }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: VIEWPORTS[options.viewport], locale: options.locale });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(`${message.text()} at ${page.url()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(`${error.message} at ${page.url()}`));
    const res = await context.request.post(`${turbota.url}/api/v1/auth/login`, { data: { email: ADMIN.email, password: ADMIN.password }, headers: { Origin: turbota.url } });
    expect(res.status()).toBe(200);
    await page.goto(`${turbota.url}${path}`);
    await page.locator('main h1').first().waitFor();
    return { context, page };
  }

  /** axe-core's serious and critical findings on the page as it is now, one line each. */
  async function seriousViolations(page: Page): Promise<string[]> {
    const { violations } = await new AxeBuilder({ page }).analyze();
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  const sidewaysScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');

  it("shows a point's change, who made it and each field before and after, in every language and at both sizes", async () => {
    const point = await api<{ id: string }>('/api/v1/points', { body: { code: 'audit-kyiv', name: 'Kyiv, Khreshchatyk 1' } });
    expect(point.status).toBe(201);
    const renamed = await api(`/api/v1/points/${point.body.id}`, { method: 'PATCH', body: { name: 'Kyiv, Khreshchatyk 22' } });
    expect(renamed.status).toBe(200);

    const { context, page } = await signedIn('/console/settings/audit', { locale: 'en', viewport: 'desktop' });
    // Newest first: the rename heads the list, by the admin key, its fields folded until opened.
    const first = page.locator('tbody tr').first();
    await first.waitFor();
    await expect(first.locator('th').textContent()).resolves.toMatch(/\d/);
    await expect(first.textContent()).resolves.toContain('ADMIN_API_KEY');
    await expect(first.textContent()).resolves.toContain('Point of service: Kyiv, Khreshchatyk 22 (audit-kyiv)');
    await expect(first.locator('.audit__action').textContent()).resolves.toBe('changed');
    await expect(first.locator('details dl').isVisible()).resolves.toBe(false);
    await first.locator('details summary').click();
    await expect(first.locator('.audit__field').allTextContents()).resolves.toEqual(['nameBefore Kyiv, Khreshchatyk 1After Kyiv, Khreshchatyk 22']);

    // Filtered to people: the admin's invitation, not the point.
    await page.getByLabel('What was changed').selectOption('person');
    await page.locator('tbody tr', { hasText: ADMIN.displayName }).first().waitFor();
    await expect(page.locator('tbody tr', { hasText: 'audit-kyiv' }).count()).resolves.toBe(0);
    await page.getByLabel('What was changed').selectOption('point');
    await page.locator('tbody tr', { hasText: 'audit-kyiv' }).first().waitFor();
    await expect(page.locator('tbody tr').count()).resolves.toBe(2);

    for (const locale of LOCALES) {
      await page.locator('header select').selectOption(locale);
      await expect(page.getAttribute('html', 'lang')).resolves.toBe(locale);
      await expect(page.title()).resolves.toBe(TEXT[locale].title);
      const row = page.locator('tbody tr').first();
      await expect(row.textContent()).resolves.toContain(`${TEXT[locale].point}: Kyiv, Khreshchatyk 22`);
      await expect(row.locator('.audit__action').textContent()).resolves.toBe(TEXT[locale].changed);
      await expect(row.locator('.audit__label').allTextContents()).resolves.toEqual([TEXT[locale].before, TEXT[locale].after]);
      // The newest entry's fields open in the pictures.
      await page.evaluate(`document.querySelector('tbody tr details').open = true`);
      for (const viewport of ['phone', 'desktop'] as const) {
        await page.setViewportSize(VIEWPORTS[viewport]);
        if (viewport === 'desktop' || locale === 'uk') await expect(seriousViolations(page)).resolves.toEqual([]);
        if (viewport === 'phone') await expect(sidewaysScroll(page)).resolves.toBe(false);
        await saveScreenshot(page, `console-settings-audit-${locale}-${VIEWPORTS[viewport].width}.png`, { fullPage: true });
      }
    }
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
