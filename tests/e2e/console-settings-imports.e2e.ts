import type { Locator, Page, Route } from 'playwright-core';
import { browserTestsRunHere, saveScreenshot } from '../support/browser';
import { ConsoleStand } from '../support/console-stand';
import { type Platforms, startPlatforms } from '../support/platforms';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';

jest.setTimeout(300_000);

const PLATFORMS = { telegram: { token: '7000000003:AAHsettings-token', secret: 'settings-webhook-secret_3' } };

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

const runsHere = browserTestsRunHere();

(runsHere ? describe : describe.skip)(`imports and deliveries in the console's settings, in a real browser (${databaseKind})`, () => {
  let platforms: Platforms<typeof PLATFORMS>;
  let stand: ConsoleStand;

  /** A message the outbox gave up on, to a Telegram chat, as the bot leaves it. */
  async function failedMessage(chat: string, lastError: string, unreachable: boolean): Promise<void> {
    await stand.sql(
      `WITH c AS (INSERT INTO "customer" DEFAULT VALUES RETURNING "id"),
       i AS (INSERT INTO "customer_identity" ("customer_id", "channel", "address", "unreachable_at") SELECT "id", 'telegram', $1, $3 FROM c RETURNING "id")
       INSERT INTO "message" ("identity_id", "direction", "channel", "body", "delivery", "attempts", "last_error")
       SELECT "id", 'out', 'telegram', $4, 'failed', 80, $2 FROM i`,
      [chat, lastError, unreachable ? new Date() : null, JSON.stringify({ kind: 'text', text: `Thank you, chat ${chat}!` })],
    );
  }

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    stand = await ConsoleStand.start('console-settings-imports', platforms.env);
    await failedMessage(OUTAGE_CHAT, 'Temporary failure: sendMessage: 502 Bad Gateway', false);
    await failedMessage(BLOCKED_CHAT, 'Recipient unreachable: sendMessage: 403 Forbidden: bot was blocked by the user', true);
  });

  afterAll(async () => {
    await stand?.stop();
    await platforms?.close();
  });

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

  it('shows the three bad lines of a contacts file with their numbers and reasons, after its progress', async () => {
    const { context, page } = await stand.asAdmin('/console/settings/imports');
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
    const { context, page } = await stand.asAdmin('/console/settings/imports');
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
    const { context, page } = await stand.asAdmin('/console/settings/deliveries');
    const row = (reason: RegExp) => page.locator('tbody tr').filter({ hasText: reason });
    await page.locator('tbody tr').first().waitFor();
    const outage = row(/network failed/);
    const blocked = row(/blocked the bot/);
    await expect(outage.textContent()).resolves.toContain('The platform was unavailable or the network failed (HTTP 502)');
    await expect(blocked.textContent()).resolves.toContain('Not sent again: the customer cannot be reached on this channel');
    await expect(blocked.getByRole('button').count()).resolves.toBe(0);

    await outage.getByRole('button', { name: 'Send again' }).click();
    await page.getByText('The message is back in the queue').waitFor();
    const delivered = await waitFor(() => platforms.telegram.delivered('sendMessage', OUTAGE_CHAT)[0], 20_000);
    expect(delivered.params.text).toBe(`Thank you, chat ${OUTAGE_CHAT}!`);
    // No longer among the failed ones; among the sent ones.
    await waitFor(async () => ((await outage.count()) === 0 ? true : undefined));
    await page.locator('summary', { hasText: 'Filters' }).click();
    await page.getByLabel('Status').selectOption('sent');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('tbody tr').filter({ hasText: 'Sent' }).waitFor();
    expect(platforms.telegram.delivered('sendMessage', OUTAGE_CHAT)).toHaveLength(1);
    expect(platforms.telegram.delivered('sendMessage', BLOCKED_CHAT)).toEqual([]);
    await context.close();
  });

  it('has no serious or critical axe violation on imports and deliveries in any language, and fits a phone', async () => {
    const { context, page } = await stand.asAdmin('/console/settings/imports', { locale: 'uk', viewport: 'phone' });
    // With a result: the refused lines drawn.
    const contacts = page.locator('section.import').first();
    await contacts.locator('input[type="file"]').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(contactsCsv()) });
    await contacts.locator('button[type="submit"]').click();
    await contacts.locator('.refused__table').waitFor();
    await stand.auditEveryWay(page, 'settings-imports');

    // A failure that may be sent again beside the one that may not: both kinds of row drawn.
    await failedMessage('6000003', 'Rate limited for 30 s: 429: Too Many Requests: retry after 30', false);
    await page.goto(`${stand.url}/console/settings/deliveries`);
    await page.locator('tbody tr button').waitFor();
    await stand.auditEveryWay(page, 'settings-deliveries');
    expect(stand.pageErrors).toEqual([]);
    await context.close();
  });
});
