import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type DatabaseHandle, withClient } from '@turbota/persistence';
import { browserAvailable, launchBrowser, saveScreenshot } from '../support/browser';
import { FakeTelegram } from '../support/fake-telegram';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TurbotaProcess } from '../support/turbota-process';

jest.setTimeout(300_000);

const ADMIN_API_KEY = 'console-policies-admin-key-0123456789abcdef';
const TELEGRAM_TOKEN = '7000000004:AAHconsole-policies';
const ADMIN = { email: 'oksana@example.com', displayName: 'Oksana Admin', role: 'admin', password: 'oksana-password-long' };
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const HOUR = 3_600_000;
// Tokyo keeps no summer time: its clock is UTC+9 all year, so the test can say when its quiet hours end.
const TOKYO_OFFSET = 9 * HOUR;

interface Policy {
  id: string;
  name: string;
  serviceTypes: string[];
  quietHours: { start: string; end: string; timeZone: string } | null;
}

const hhmm = (hour: number) => `${String((hour + 24) % 24).padStart(2, '0')}:00`;

/** Quiet hours in Tokyo from an hour ago until two hours on, and the moment they end. */
function quietNowInTokyo(now: number): { start: string; end: string; endsAt: string } {
  const tokyo = new Date(now + TOKYO_OFFSET);
  const hour = tokyo.getUTCHours();
  const end = Date.UTC(tokyo.getUTCFullYear(), tokyo.getUTCMonth(), tokyo.getUTCDate(), hour + 2) - TOKYO_OFFSET;
  return { start: hhmm(hour - 1), end: hhmm(hour + 2), endsAt: new Date(end).toISOString() };
}

// The page reads the database only through the API, whose tests run on both databases: the
// browser suite runs in the embedded database's pass alone, which keeps CI short.
const runsHere = browserAvailable() && databaseKind === 'embedded PGlite';

(runsHere ? describe : describe.skip)(`survey policies in the console's settings, in a real browser (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let dataDir: string;
  let telegram: FakeTelegram;
  let turbota: TurbotaProcess;
  let browser: Browser;
  let integrationKey: string;
  let defaultPolicy: Policy;
  /** Script errors and refusals of the page's CSP, expected to stay empty. */
  const pageErrors: string[] = [];

  async function api<T>(path: string, init: { method?: string; body?: unknown; key?: string } = {}): Promise<{ status: number; body: T }> {
    const res = await fetch(`${turbota.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${init.key ?? ADMIN_API_KEY}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  }

  beforeAll(async () => {
    [database, telegram, browser] = await Promise.all([openTestDatabase(), FakeTelegram.start(TELEGRAM_TOKEN), launchBrowser()]);
    dataDir = mkdtempSync(join(tmpdir(), 'turbota-console-policies-'));
    turbota = await (
      await TurbotaProcess.start('standalone', { DATABASE_URL: database.url, ADMIN_API_KEY, DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: 'console-policies-secret', TELEGRAM_API_ROOT: telegram.url })
    ).ready();
    integrationKey = (await api<{ key: string }>('/api/v1/api-keys', { body: { name: 'CRM', role: 'integration' } })).body.key;
    const { password, ...invitation } = ADMIN;
    const invited = await api<{ inviteUrl: string }>('/api/v1/users', { body: invitation });
    expect(invited.status).toBe(201);
    const accepted = await fetch(`${turbota.url}/api/v1/auth/invitations/${invited.body.inviteUrl.split('/').pop()}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: turbota.url },
      body: JSON.stringify({ password }),
    });
    expect(accepted.status).toBe(201);
    defaultPolicy = (await api<Policy[]>('/api/v1/survey-policies')).body.find((p) => p.serviceTypes.length === 0)!;
  });

  afterAll(async () => {
    await browser?.close();
    await turbota?.stop();
    await Promise.all([telegram?.close(), database?.close()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The admin signed in (as the sign-in page would), on a console page, in a language and at a size. */
  async function signedIn(path: string, options: { locale: 'uk' | 'ru' | 'en'; viewport: keyof typeof VIEWPORTS }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: VIEWPORTS[options.viewport], locale: options.locale });
    const page = await context.newPage();
    page.on('console', (message) => {
      // A refused API call (a 400 shown at its field) is the browser's console error by design; a CSP refusal is not.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(`${message.text()} at ${page.url()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(`${error.message} at ${page.url()}`));
    const res = await context.request.post(`${turbota.url}/api/v1/auth/login`, { data: { email: ADMIN.email, password: ADMIN.password }, headers: { Origin: turbota.url } });
    expect(res.status()).toBe(200);
    await page.goto(`${turbota.url}${path}`);
    await page.locator('main h1').first().waitFor();
    return { context, page };
  }

  async function seriousViolations(page: Page): Promise<string[]> {
    const { violations } = await new AxeBuilder({ page }).analyze();
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  /** How many contacts, customers and surveys there are: a check adds none. */
  const storedRows = () =>
    withClient(database.url, async (client) => {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM contact UNION ALL SELECT count(*)::int FROM customer UNION ALL SELECT count(*)::int FROM conversation`);
      return rows.map((row) => row.n);
    });

  const sidewaysScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');

  it('answers scheduled at the end of the quiet hours the admin just set, storing nothing, and a real report agrees', async () => {
    const { context, page } = await signedIn('/console/settings/policies', { locale: 'en', viewport: 'desktop' });
    await page.getByRole('link', { name: defaultPolicy.name }).click();
    await page.getByRole('heading', { name: `Policy “${defaultPolicy.name}”` }).waitFor();
    const quiet = quietNowInTokyo(Date.now());
    const keepQuiet = page.getByLabel('Keep quiet hours');
    if (!(await keepQuiet.isChecked())) await keepQuiet.check();
    await page.getByLabel('From', { exact: true }).fill(quiet.start);
    await page.getByLabel('Until', { exact: true }).fill(quiet.end);
    await page.getByLabel('Time zone').fill('Asia/Tokyo');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const saved = await api<Policy>(`/api/v1/survey-policies/${defaultPolicy.id}`);
    expect(saved.body.quietHours).toEqual({ start: quiet.start, end: quiet.end, timeZone: 'Asia/Tokyo' });
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-settings-policy-desktop-en.png', { fullPage: true });

    await page.getByRole('link', { name: 'All policies' }).click();
    await page.getByRole('heading', { name: 'What would happen' }).waitFor();
    await page.getByLabel('Channel', { exact: true }).selectOption('telegram');
    await page.getByLabel('Address on the channel').fill('5000001');
    const occurredAt = await page.getByLabel('Contact finished at').inputValue();
    const storedBefore = await storedRows();
    await page.getByRole('button', { name: 'Check' }).click();
    const result = page.locator('.check-result');
    await result.waitFor();
    expect(await result.getAttribute('data-decision')).toBe('scheduled');
    expect(await result.getAttribute('data-scheduled-for')).toBe(quiet.endsAt);
    expect(await result.locator('.check-result__decision').textContent()).toMatch(/^Scheduled for .+ \(Asia\/Tokyo\), .+ your time: the invitation waits for the end of the quiet hours\.$/);
    expect(await result.textContent()).toContain(`Decided by the policy “${defaultPolicy.name}”.`);
    expect(await storedRows()).toEqual(storedBefore);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-settings-policies-desktop-en.png', { fullPage: true });

    // The same contact reported for real: the same decision and time.
    const body = { externalId: 'crm-5000001', customer: { channel: 'telegram', address: '5000001' }, occurredAt: new Date(occurredAt).toISOString() };
    const reported = await api<{ decision: string; scheduledFor?: string }>('/api/v1/contacts', { body, key: integrationKey });
    expect(reported.status).toBe(201);
    expect(reported.body).toMatchObject({ decision: 'scheduled', scheduledFor: quiet.endsAt });
    await context.close();
  });

  it('shows a refused setting at its field, and works on a phone in Ukrainian', async () => {
    const { context, page } = await signedIn(`/console/settings/policies/${defaultPolicy.id}`, { locale: 'uk', viewport: 'phone' });
    await page.getByRole('heading', { name: `Політика «${defaultPolicy.name}»` }).waitFor();
    await page.getByLabel('Час на відповідь, хвилин').fill('60');
    await page.getByLabel('Нагадування через, хвилин').fill('120');
    await page.getByRole('button', { name: 'Зберегти зміни' }).click();
    const reminder = page.getByLabel('Нагадування через, хвилин');
    await page.locator('.field__error', { hasText: 'must be shorter than answerTimeoutMinutes' }).waitFor();
    expect(await reminder.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Час на відповідь, хвилин').getAttribute('aria-invalid')).toBe('false');
    expect(await sidewaysScroll(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-settings-policy-phone-uk.png', { fullPage: true });

    await page.getByRole('link', { name: 'Усі політики' }).click();
    await page.getByRole('heading', { name: 'Що станеться' }).waitFor();
    await page.getByLabel('Адреса в каналі').fill('5000002');
    await page.getByLabel('Телефон').fill('12');
    await page.getByRole('button', { name: 'Перевірити' }).click();
    await page.locator('.field__error[lang="en"]').first().waitFor();
    expect(await page.getByLabel('Телефон').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Телефон').fill('');
    await page.getByRole('button', { name: 'Перевірити' }).click();
    await page.locator('.check-result').waitFor();
    expect(await page.locator('.check-result__decision').textContent()).toMatch(/^Заплановано на .+ \(Asia\/Tokyo\), тобто .+ за вашим часом/);
    expect(await sidewaysScroll(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-settings-policies-phone-uk.png', { fullPage: true });

    await page.getByRole('link', { name: 'Нова політика' }).click();
    await page.getByLabel('Назва', { exact: true }).fill('Нічні дзвінки');
    await page.getByLabel('Типи послуг').fill('night, weekend');
    await page.getByRole('button', { name: 'Створити політику' }).click();
    await page.getByRole('heading', { name: 'Політика «Нічні дзвінки»' }).waitFor();
    const created = (await api<Policy[]>('/api/v1/survey-policies')).body.find((p) => p.name === 'Нічні дзвінки');
    expect(created).toMatchObject({ serviceTypes: ['night', 'weekend'], quietHours: null });
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
