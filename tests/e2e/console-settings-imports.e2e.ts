import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page, Route } from 'playwright-core';
import { type DatabaseHandle, withClient } from '@turbota/persistence';
import { browserAvailable, launchBrowser, saveScreenshot } from '../support/browser';
import { FakeTelegram } from '../support/fake-telegram';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TurbotaProcess } from '../support/turbota-process';
import { waitFor } from '../support/wait-for';

jest.setTimeout(300_000);

const ADMIN_API_KEY = 'console-settings-imports-admin-key-0123456789';
const TELEGRAM_TOKEN = '7000000003:AAHsettings-token';
const LOCALES = ['uk', 'ru', 'en'] as const;
type Locale = (typeof LOCALES)[number];
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const ADMIN = { email: 'oksana@example.com', displayName: 'Oksana Admin', role: 'admin', password: 'oksana-password-long' };

/** Chats of the seeded failures: one given up in an outage, one whose customer blocked the bot. */
const OUTAGE_CHAT = '6000001';
const BLOCKED_CHAT = '6000002';

/** A contacts file with three bad lines: a wrong phone (3), no occurredAt (5), a cell short (6). */
function contactsCsv(): string {
  const at = new Date(Date.now() - 3_600_000).toISOString();
  return [
    'externalId,channel,address,phone,occurredAt',
    `csv-1,webchat,visitor-1,,${at}`,
    `csv-2,webchat,visitor-2,12,${at}`,
    `csv-3,webchat,visitor-3,,${at}`,
    'csv-4,webchat,visitor-4,,',
    `csv-5,webchat,visitor-5,${at}`,
    `csv-6,webchat,visitor-6,+380671234567,${at}`,
  ].join('\n');
}

const RESPONSES_HEADER = 'responded_at,customer_id,channel,locale,agent,service_type,point_of_service,metric,score';

/** Answers from another tool: line 3 is out of scale, line 6 an unknown metric. */
function responsesCsv(): string {
  const at = new Date(Date.now() - 86_400_000).toISOString();
  return [RESPONSES_HEADER, `${at},crm-1,telegram,uk,olena,card,kyiv,nps,9`, `${at},crm-2,telegram,uk,olena,card,kyiv,nps,11`, `${at},crm-3,viber,en,ivan,card,lviv,csat,4`, `${at},crm-4,viber,en,ivan,card,lviv,ces,2`, `${at},crm-5,viber,en,ivan,card,lviv,xyz,2`, `${at},crm-6,telegram,ru,olena,card,kyiv,nps,10`].join('\n');
}

// The pages read the database only through the API, whose tests run on both databases: the
// browser suite runs in the embedded database's pass alone, which keeps CI short.
const runsHere = browserAvailable() && databaseKind === 'embedded PGlite';

(runsHere ? describe : describe.skip)(`imports and deliveries in the console's settings, in a real browser (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let dataDir: string;
  let telegram: FakeTelegram;
  let turbota: TurbotaProcess;
  let browser: Browser;
  /** Script errors and refusals of the page's CSP, expected to stay empty. */
  const pageErrors: string[] = [];

  async function api<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${turbota.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_API_KEY}` }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as T };
  }

  /** A message the outbox gave up on, to a Telegram chat, as the bot leaves it. */
  async function failedMessage(chat: string, lastError: string, unreachable: boolean): Promise<void> {
    await withClient(database.url, (client) =>
      client.query(
        `WITH c AS (INSERT INTO "customer" DEFAULT VALUES RETURNING "id"),
         i AS (INSERT INTO "customer_identity" ("customer_id", "channel", "address", "unreachable_at") SELECT "id", 'telegram', $1, $3 FROM c RETURNING "id")
         INSERT INTO "message" ("identity_id", "direction", "channel", "body", "delivery", "attempts", "last_error")
         SELECT "id", 'out', 'telegram', $4, 'failed', 80, $2 FROM i`,
        [chat, lastError, unreachable ? new Date() : null, JSON.stringify({ kind: 'text', text: `Thank you, chat ${chat}!` })],
      ),
    );
  }

  beforeAll(async () => {
    [database, telegram, browser] = await Promise.all([openTestDatabase(), FakeTelegram.start(TELEGRAM_TOKEN), launchBrowser()]);
    dataDir = mkdtempSync(join(tmpdir(), 'turbota-settings-imports-'));
    turbota = await (
      await TurbotaProcess.start('standalone', { DATABASE_URL: database.url, ADMIN_API_KEY, DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: 'settings-webhook-secret_3', TELEGRAM_API_ROOT: telegram.url })
    ).ready();
    const invited = await api<{ inviteUrl: string }>('/api/v1/users', { email: ADMIN.email, displayName: ADMIN.displayName, role: ADMIN.role });
    expect(invited.status).toBe(201);
    const accepted = await fetch(`${turbota.url}/api/v1/auth/invitations/${invited.body.inviteUrl.split('/').pop()}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: turbota.url },
      body: JSON.stringify({ password: ADMIN.password }),
    });
    expect(accepted.status).toBe(201);
    await failedMessage(OUTAGE_CHAT, 'Temporary failure: sendMessage: 502 Bad Gateway', false);
    await failedMessage(BLOCKED_CHAT, 'Recipient unreachable: sendMessage: 403 Forbidden: bot was blocked by the user', true);
  });

  afterAll(async () => {
    await browser?.close();
    await turbota?.stop();
    await Promise.all([telegram?.close(), database?.close()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The admin signed in (as the sign-in page would) on a settings page, in a language and at a size. */
  async function signedIn(path: string, options: { locale: Locale; viewport: keyof typeof VIEWPORTS }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: VIEWPORTS[options.viewport], locale: options.locale });
    const page = await context.newPage();
    page.on('console', (message) => {
      // A refused API call is the browser's console error by design; a CSP refusal is not.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(`${message.text()} at ${page.url()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(`${error.message} at ${page.url()}`));
    const res = await context.request.post(`${turbota.url}/api/v1/auth/login`, { data: { email: ADMIN.email, password: ADMIN.password }, headers: { Origin: turbota.url } });
    expect(res.status()).toBe(200);
    await page.goto(`${turbota.url}${path}`);
    await page.locator('main h1').first().waitFor();
    return { context, page };
  }

  /** The rows of a table of refused lines: number and reason. */
  async function refusedRows(within: Locator): Promise<string[][]> {
    const rows = within.locator('.refused__table tbody tr');
    const shown: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) shown.push((await rows.nth(i).locator('th, td').allTextContents()).map((text) => text.trim()));
    return shown;
  }

  /** A held request: it goes on to the server only when `release` is called; `released` is when the hold is in place. */
  function hold(page: Page, path: string): { released: Promise<unknown>; release: () => void } {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const released = page.route(`**${path}`, async (route: Route) => {
      await gate;
      await route.continue();
    });
    return { released, release };
  }

  /** axe-core's serious and critical findings on the page as it is now, one line each. */
  async function seriousViolations(page: Page): Promise<string[]> {
    const { violations } = await new AxeBuilder({ page }).analyze();
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  const sidewaysScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');

  /** axe in every language on a desktop and in Ukrainian on a phone, no sideways scroll on a phone, and screenshots of both widths in every language. */
  async function auditEveryWay(page: Page, name: string): Promise<void> {
    for (const locale of LOCALES) {
      await page.locator('header select').selectOption(locale);
      await expect(page.getAttribute('html', 'lang')).resolves.toBe(locale);
      for (const viewport of ['phone', 'desktop'] as const) {
        await page.setViewportSize(VIEWPORTS[viewport]);
        if (viewport === 'desktop' || locale === 'uk') {
          expect({ page: name, locale, viewport, violations: await seriousViolations(page) }).toEqual({ page: name, locale, viewport, violations: [] });
        }
        if (viewport === 'phone') await expect(sidewaysScroll(page)).resolves.toBe(false);
        await saveScreenshot(page, `console-settings-${name}-${locale}-${VIEWPORTS[viewport].width}.png`, { fullPage: true });
      }
    }
    await page.locator('header select').selectOption('en');
  }

  it('shows the three bad lines of a contacts file with their numbers and reasons, after its progress', async () => {
    const { context, page } = await signedIn('/console/settings/imports', { locale: 'en', viewport: 'desktop' });
    await expect(page.getByRole('link', { name: 'Imports' }).getAttribute('aria-current')).resolves.toBe('page');
    const contacts = page.getByRole('region', { name: 'Contacts', exact: true });
    await contacts.getByLabel('CSV file').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(contactsCsv()) });

    // Held at the server's door, the upload shows its progress.
    const held = hold(page, '/api/v1/imports/contacts');
    await held.released;
    await contacts.getByRole('button', { name: 'Upload' }).click();
    await contacts.getByRole('progressbar').waitFor();
    await saveScreenshot(page, 'console-settings-imports-progress-en-1280.png');
    held.release();

    await contacts.getByRole('table').waitFor();
    await expect(refusedRows(contacts)).resolves.toEqual([
      ['3', 'phone: must be a phone number, e.g. +380671234567'],
      ['5', 'occurredAt: is required'],
      ['6', 'has 4 cells; the header has 5'],
    ]);
    await expect(contacts.getByRole('status').textContent()).resolves.toMatch(/^Lines accepted: 3\. Invited: \d, scheduled: \d, skipped: \d\.Lines refused: 3\.$/);
    await expect(contacts.getByRole('progressbar').count()).resolves.toBe(0);
    await context.close();
  });

  it('resumes a responses import that stopped half way from the line after the last one stored', async () => {
    const { context, page } = await signedIn('/console/settings/imports', { locale: 'en', viewport: 'desktop' });
    const responses = page.getByRole('region', { name: 'Responses', exact: true });
    const file = responsesCsv();
    await responses.getByLabel('CSV file').setInputFiles({ name: 'responses.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });

    // The server's answer when its database fails after line 3, played by the route; the resumed part goes to the real server.
    const sent: string[] = [];
    await page.route('**/api/v1/imports/responses', async (route: Route) => {
      sent.push(route.request().postData() ?? '');
      if (sent.length > 1) return route.continue();
      const stopped = { statusCode: 503, error: 'Service Unavailable', message: 'The import stopped', importId: '00000000-0000-4000-8000-000000000001', accepted: 1, storedThroughLine: 3, rejected: [{ line: 3, reason: 'score must be a whole number from 0 to 10 for nps, got "11"' }], rejectedCount: 1 };
      return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify(stopped) });
    });
    await responses.getByRole('button', { name: 'Upload' }).click();
    await responses.getByText('Everything up to line 3 is done; answers stored: 1.', { exact: false }).waitFor();
    await responses.getByRole('button', { name: 'Send the rest, from line 4' }).click();
    await responses.getByText('Answers stored: 4.').waitFor();

    const lines = file.split('\n');
    expect(sent[1]).toBe([lines[0], ...lines.slice(3)].join('\n'));
    // The refused lines are numbered as in the whole file, before and after the resume.
    await expect(refusedRows(responses)).resolves.toEqual([
      ['3', 'score must be a whole number from 0 to 10 for nps, got "11"'],
      ['6', 'metric must be one of nps, ces, csat, got "xyz"'],
    ]);
    await context.close();
  });

  it('lists failed messages with their reasons, and sends the one the reason allows again', async () => {
    const { context, page } = await signedIn('/console/settings/deliveries', { locale: 'en', viewport: 'desktop' });
    const row = (reason: RegExp) => page.locator('tbody tr').filter({ hasText: reason });
    await page.locator('tbody tr').first().waitFor();
    const outage = row(/network failed/);
    const blocked = row(/blocked the bot/);
    await expect(outage.textContent()).resolves.toContain('The platform was unavailable or the network failed (HTTP 502)');
    await expect(blocked.textContent()).resolves.toContain('Not sent again: the customer cannot be reached on this channel');
    await expect(blocked.getByRole('button').count()).resolves.toBe(0);

    await outage.getByRole('button', { name: 'Send again' }).click();
    await page.getByText('The message is back in the queue').waitFor();
    const delivered = await waitFor(() => telegram.delivered('sendMessage', OUTAGE_CHAT)[0], 20_000);
    expect(delivered.params.text).toBe(`Thank you, chat ${OUTAGE_CHAT}!`);
    // No longer among the failed ones; among the sent ones.
    await waitFor(async () => ((await outage.count()) === 0 ? true : undefined));
    await page.locator('summary', { hasText: 'Filters' }).click();
    await page.getByLabel('Status').selectOption('sent');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('tbody tr').filter({ hasText: 'Sent' }).waitFor();
    expect(telegram.delivered('sendMessage', OUTAGE_CHAT)).toHaveLength(1);
    expect(telegram.delivered('sendMessage', BLOCKED_CHAT)).toEqual([]);
    await context.close();
  });

  it('has no serious or critical axe violation on imports and deliveries in any language, and fits a phone', async () => {
    const { context, page } = await signedIn('/console/settings/imports', { locale: 'uk', viewport: 'phone' });
    // With a result: the refused lines drawn.
    const contacts = page.locator('section.import').first();
    await contacts.locator('input[type="file"]').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(contactsCsv()) });
    await contacts.locator('button[type="submit"]').click();
    await contacts.locator('.refused__table').waitFor();
    await auditEveryWay(page, 'imports');

    // A failure that may be sent again beside the one that may not: both kinds of row drawn.
    await failedMessage('6000003', 'Rate limited for 30 s: 429: Too Many Requests: retry after 30', false);
    await page.goto(`${turbota.url}/console/settings/deliveries`);
    await page.locator('tbody tr button').waitFor();
    await auditEveryWay(page, 'deliveries');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
