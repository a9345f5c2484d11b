import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DatabaseHandle } from '@turbota/persistence';
import { telegramUpdate, type TelegramFixture } from '../support/telegram-fixtures';
import { postTelegramUpdate } from '../support/webhooks';
import { browserTestsRunHere, launchBrowser, saveScreenshot } from '../support/browser';
import { type BotApiCall, FakeTelegram } from '../support/fake-telegram';
import { LocalOidcProvider, OIDC_CLIENT } from '../support/local-oidc-provider';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TurbotaProcess } from '../support/turbota-process';
import { waitFor } from '../support/wait-for';

jest.setTimeout(180_000);

const TELEGRAM_TOKEN = '7000000002:AAHconsole-journey';
const TELEGRAM_SECRET = 'console-journey-secret_1';
const API_KEY = 'console-journey-key-0123456789abcdef';
const CHAT = 3_100_001;
const ADMIN = { email: 'olena@example.com', name: 'Olena Admin', password: 'olena-password-long' };
const BY_PASSWORD = { email: 'ivan@example.com', name: 'Ivan Supervisor', password: 'ivan-password-long' };
const BY_SSO = { email: 'marta@example.com', name: 'Marta Supervisor', account: 'marta' };

interface Keyboard {
  inline_keyboard?: { text: string; callback_data: string }[][];
}

const runsHere = browserTestsRunHere();

/**
 * The console's promise from end to end, on one built Turbota with Telegram and single sign-on on:
 * a fresh install's setup link makes the first admin, who invites two supervisors; one signs in
 * with a password, the other through a real local OpenID provider; a detractor on a fake Telegram
 * becomes an incident in the first one's queue without a reload, who works it to resolved; the
 * customer hears the standard's words and says it is solved, and the second one's browser shows it
 * closed without a reload.
 */
(runsHere ? describe : describe.skip)(`the console's journey, fresh install to a closed incident (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let dataDir: string;
  let telegram: FakeTelegram;
  let provider: LocalOidcProvider;
  let turbota: TurbotaProcess;
  let browser: Browser;
  let updateId = 110_000;
  /** Script errors of the pages, expected to stay empty. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [database, telegram, provider, browser] = await Promise.all([openTestDatabase(), FakeTelegram.start(TELEGRAM_TOKEN), LocalOidcProvider.listen(), launchBrowser()]);
    dataDir = mkdtempSync(join(tmpdir(), 'turbota-journey-'));
    turbota = await (
      await TurbotaProcess.start('standalone', {
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        ADMIN_API_KEY: API_KEY,
        TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
        TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
        TELEGRAM_API_ROOT: telegram.url,
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_CLIENT_ID: OIDC_CLIENT.id,
        OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
      })
    ).ready();
    provider.serve([`${turbota.url}/api/v1/auth/oidc/callback`], { [BY_SSO.account]: { email: BY_SSO.email, email_verified: true, name: 'Marta at the provider' } });
  });

  afterAll(async () => {
    await browser?.close();
    await turbota?.stop();
    await Promise.all([provider?.close(), telegram?.close(), database?.close()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A browser of its own (cookies and all) on a console page. */
  async function person(path: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${error.message} at ${page.url()}`));
    await page.goto(`${turbota.url}${path}`);
    return { context, page };
  }

  /** The customer's update on Telegram, as Telegram posts it to the webhook. */
  async function fromCustomer(fixture: TelegramFixture, options: Partial<Parameters<typeof telegramUpdate>[1]> = {}): Promise<void> {
    const res = await postTelegramUpdate(turbota.url, telegramUpdate(fixture, { updateId: ++updateId, chatId: CHAT, ...options }), { secret: TELEGRAM_SECRET });
    expect(res.status).toBe(200);
  }
  const botMessage = (matching: RegExp) => waitFor(() => telegram.delivered('sendMessage', String(CHAT)).find((m) => matching.test(String(m.params.text))), 20_000);
  const tap = (message: BotApiCall, label: string) => {
    const button = (message.params.reply_markup as Keyboard).inline_keyboard?.flat().find((b) => b.text === label);
    if (!button) throw new Error(`No button "${label}" on: ${JSON.stringify(message.params)}`);
    return fromCustomer('callback-query', {
      data: button.callback_data,
      tapped: { message_id: message.result!.message_id as number, text: message.params.text as string, reply_markup: message.params.reply_markup },
    });
  };

  it('runs from the setup link to an incident closed by the customer, seen live in two supervisors’ browsers', async () => {
    // The first admin, from the link the server wrote at its first start.
    const setup = new URL(readFileSync(join(dataDir, 'setup-url'), 'utf8').trim());
    const { context: adminContext, page: admin } = await person(setup.pathname);
    await admin.getByLabel('E-mail').fill(ADMIN.email);
    await admin.getByLabel('Name').fill(ADMIN.name);
    await admin.getByLabel('New password').fill(ADMIN.password);
    await admin.getByLabel('Repeat the password').fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Create the admin and sign in' }).click();
    await admin.getByText('No incident here.').waitFor();

    // Two supervisors invited; the first gets the link handed over.
    // People are managed among the settings.
    await admin.getByRole('link', { name: 'Settings' }).click();
    await admin.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'People' }).click();
    const invite = async (who: { email: string; name: string }) => {
      await admin.getByLabel('E-mail').fill(who.email);
      await admin.getByLabel('Name').fill(who.name);
      await admin.getByRole('button', { name: 'Invite', exact: true }).click();
      await admin.locator('tr', { hasText: who.email }).getByText('Invited').waitFor();
      return admin.getByLabel('Invitation link').inputValue();
    };
    const link = new URL(await invite(BY_PASSWORD));
    await invite(BY_SSO);
    await adminContext.close();

    // The first accepts the invitation with a password, and signs in with it.
    const { page: first } = await person(link.pathname);
    await first.getByLabel('New password').fill(BY_PASSWORD.password);
    await first.getByLabel('Repeat the password').fill(BY_PASSWORD.password);
    await first.getByRole('button', { name: 'Accept and sign in' }).click();
    await first.getByText('No incident here.').waitFor();
    await first.locator('summary.person__summary').click();
    await first.getByRole('button', { name: 'Sign out', exact: true }).click();
    await first.waitForURL(`${turbota.url}/console/login`);
    await first.getByLabel('E-mail').fill(BY_PASSWORD.email);
    await first.getByLabel('Password').fill(BY_PASSWORD.password);
    await first.getByRole('button', { name: 'Sign in', exact: true }).click();
    await first.getByText('No incident here.').waitFor();
    await expect(first.locator('.person__name').textContent()).resolves.toBe(BY_PASSWORD.name);

    // The second signs in at the OpenID provider, in a browser of her own: its sign-in page, then its consent.
    const { context: secondContext, page: second } = await person('/console/login');
    // The provider's pages import a web font; this machine may be offline, and the journey needs no font.
    await secondContext.route((url) => !url.href.startsWith('http://127.0.0.1:'), (route) => route.abort());
    await second.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await second.waitForURL((url) => url.href.startsWith(provider.issuer));
    await second.locator('input[name="login"]').fill(BY_SSO.account);
    await second.locator('input[name="password"]').fill('any');
    await second.getByRole('button', { name: 'Sign-in' }).click();
    await second.getByRole('button', { name: 'Continue' }).click();
    await second.waitForURL(`${turbota.url}/console/`);
    await expect(second.locator('.person__name').textContent()).resolves.toBe(BY_SSO.name);
    await first.locator('.live--on').waitFor();

    // The customer on Telegram: a low score, what went wrong, and the phone shared (the consent).
    await fromCustomer('message-start');
    await tap(await botMessage(/How likely are you to recommend us/), '2');
    await tap(await botMessage(/What exactly went wrong\?$/), 'I waited too long');
    await botMessage(/contact you/i);
    await fromCustomer('message-contact');

    // It appears in the first supervisor's open queue on its own.
    const number = /^INC-\d+$/;
    await first.getByRole('link', { name: number }).waitFor();
    const caseName = (await first.getByRole('link', { name: number }).textContent())!;
    await first.getByRole('link', { name: caseName, exact: true }).click();
    const incidentPath = new URL(first.url()).pathname;
    await second.goto(`${turbota.url}${incidentPath}`);
    await second.locator('.live--on').waitFor();
    await expect(second.locator('.incident__head .status').textContent()).resolves.toBe('New');

    // Assign to me, acknowledge, resolve with a note.
    await first.getByRole('button', { name: 'Assign to me' }).click();
    await first.getByText(`${BY_PASSWORD.name} (you)`).waitFor();
    await first.getByRole('button', { name: 'Acknowledge' }).click();
    await first.getByText('Done: Acknowledged.').waitFor();
    await first.getByRole('button', { name: 'Resolve' }).click();
    await first.getByLabel('What was done').fill('Called back, apologised for the wait and refunded the fee.');
    await first.getByLabel('Yes, justified').check();
    await first.getByRole('button', { name: 'Resolve' }).last().click();
    await first.getByText('Done: Resolved.').waitFor();

    // The customer hears the standard's words for a resolved incident, and says it is solved.
    const question = await botMessage(/Is your issue solved now\?/);
    const incident = (await (await fetch(`${turbota.url}/api/v1${incidentPath.replace('/console', '')}`, { headers: { Authorization: `Bearer ${API_KEY}` } })).json()) as {
      nextSteps: { actions: { phrases: string[] }[] };
    };
    expect(incident.nextSteps.actions.length).toBeGreaterThan(0);
    for (const action of incident.nextSteps.actions) expect(action.phrases.some((phrase) => String(question.params.text).includes(phrase))).toBe(true);
    await tap(question, 'Yes');

    // The other supervisor's browser shows it closed, and by whom, without a reload; so does the first's.
    await second.locator('.incident__head .status', { hasText: 'Closed' }).waitFor({ timeout: 20_000 });
    const history = await second.locator('.history').textContent();
    expect(history).toContain(`Resolved · ${BY_PASSWORD.name}`);
    expect(history).toContain('The customer confirmed it is solved · The customer');
    await first.locator('.incident__head .status', { hasText: 'Closed' }).waitFor();
    // Nothing is left to do: the standard's card is a record of what it asked for.
    await expect(second.locator('#steps-title').textContent()).resolves.toBe('What the standard asked for');
    // The transcript goes on to the follow-up: the question and the customer's answer.
    await second.locator('.transcript').getByText('Is your issue solved now?').waitFor();
    await saveScreenshot(second, 'console-journey-closed-1280.png', { fullPage: true });
    await saveScreenshot(first, 'console-journey-worked-1280.png', { fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
