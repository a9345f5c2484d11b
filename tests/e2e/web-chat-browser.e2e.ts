import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { projectPath } from '@turbota/common';
import type { DatabaseHandle } from '@turbota/persistence';
import { readStandardFile } from '@turbota/standard';
import { axeScopeAt, seriousViolations } from '../support/axe';
import { browserTestsRunHere, launchBrowser, saveScreenshot } from '../support/browser';
import { sidewaysScroll } from '../support/console-stand';
import { FakeMessenger } from '../support/fake-messenger';
import { FakeTelegram } from '../support/fake-telegram';
import { FakeTwilio } from '../support/fake-twilio';
import { FakeViber } from '../support/fake-viber';
import { MailCatcher } from '../support/people';
import { registerPointsAs } from '../support/points';
import { createPolicy } from '../support/survey-policies';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TurbotaProcess } from '../support/turbota-process';

jest.setTimeout(300_000);

const ADMIN_API_KEY = 'browser-admin-key-0123456789abcdef';
// SMS invitations: their links name the public address; the browser opens their path here.
const PUBLIC_URL = 'https://feedback.example.com';
const TWILIO_SID = `AC${'7'.repeat(32)}`;
const TWILIO_TOKEN = 'browser-twilio-token';
// Telegram and Viber are on, so an SMS link's page offers to answer there; the fake's getMe names the Telegram bot so.
const TELEGRAM_TOKEN = '123456:browser-telegram-token';
const TELEGRAM_USERNAME = 'turbota_bot';
const VIBER_TOKEN = 'browser-viber-token';
const MESSENGER_TOKEN = 'browser-messenger-page-token';
const STRINGS = JSON.parse(readFileSync(projectPath('apps/bot/web/chat/strings.json'), 'utf8')) as Record<string, Record<string, string>>;
const TEXTS = JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<string, Record<string, string | string[]>>;
const STANDARD = readStandardFile(projectPath('config/standard.json'));

interface Response {
  questionCode: string;
  score: number | null;
  choice: string | null;
  channel: string;
  locale: string;
  pointOfService: string | null;
  conversationId: string;
}

const runsHere = browserTestsRunHere();

(runsHere ? describe : describe.skip)(`the web chat in a real browser (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let turbota: TurbotaProcess;
  let browser: Browser;
  let twilio: FakeTwilio;
  let telegram: FakeTelegram;
  let viber: FakeViber;
  let facebook: FakeMessenger;
  const mail = new MailCatcher();

  const adminPost = (path: string, body: unknown) =>
    fetch(`${turbota.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_API_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    database = await openTestDatabase();
    [twilio, telegram, viber, facebook] = await Promise.all([
      FakeTwilio.start(TWILIO_SID, TWILIO_TOKEN),
      FakeTelegram.start(TELEGRAM_TOKEN),
      FakeViber.start(VIBER_TOKEN),
      FakeMessenger.start(MESSENGER_TOKEN),
    ]);
    const sms = { PUBLIC_URL, TWILIO_ACCOUNT_SID: TWILIO_SID, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, TWILIO_FROM: '+15005550006', TWILIO_API_URL: twilio.url };
    const messengers = {
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: 'browser-telegram-secret',
      TELEGRAM_API_ROOT: telegram.url,
      VIBER_AUTH_TOKEN: VIBER_TOKEN,
      VIBER_API_URL: viber.url,
      MESSENGER_PAGE_ACCESS_TOKEN: MESSENGER_TOKEN,
      MESSENGER_APP_SECRET: 'browser-messenger-secret',
      MESSENGER_VERIFY_TOKEN: 'browser-messenger-verify',
      MESSENGER_API_URL: facebook.url,
    };
    const email = { SMTP_URL: await mail.start(), MAIL_FROM: 'Turbota <feedback@example.com>' };
    turbota = await (await TurbotaProcess.start('standalone', { DATABASE_URL: database.url, ADMIN_API_KEY, ...sms, ...messengers, ...email })).ready();
    await registerPointsAs(turbota.url, ADMIN_API_KEY, 'kyiv-central', 'lviv-market', 'odesa', 'keyboard-desk');
    // Contacts reported with a phone or an e-mail are invited by this policy's survey.
    await createPolicy(turbota.url, { name: 'Calls', serviceTypes: ['call'] }, ADMIN_API_KEY);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await turbota?.stop();
    await twilio?.close();
    await mail.close();
    await telegram?.close();
    await viber?.close();
    await facebook?.close();
    await database?.close();
  });

  async function phonePage(path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${turbota.url}${path}`);
    return page;
  }

  async function sql<T>(text: string): Promise<T[]> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  }

  const responses = async (point: string): Promise<Response[]> => {
    const res = await fetch(`${turbota.url}/api/v1/responses?pointOfService=${point}&limit=100`, { headers: { Authorization: `Bearer ${ADMIN_API_KEY}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Response[] }).items;
  };

  it('walks the detractor path: 2, a reason, a phone, and hears the case number', async () => {
    const page = await phonePage('/chat?lang=en&point=kyiv-central');
    const en = STRINGS.en;
    await page.getByRole('button', { name: '2', exact: true }).click();
    await page.getByRole('button', { name: 'I waited too long', exact: true }).click();
    // No "may we contact you?" step: giving the phone is the consent.
    await page.getByLabel(en.phoneLabel).fill('067 123 45 67');
    await page.getByRole('button', { name: en.contactSubmit, exact: true }).click();
    await page.getByText((TEXTS.en.contactThanks as string[])[0]).or(page.getByText((TEXTS.en.contactThanks as string[])[1])).waitFor();
    await page.getByText(/INC-\d+/).waitFor();
    await saveScreenshot(page, 'web-chat-detractor-en.png');

    const stored = await responses('kyiv-central');
    expect(stored.map((r) => [r.questionCode, r.score ?? r.choice])).toEqual(expect.arrayContaining([['nps', 2], ['reason', expect.any(String)]]));
    for (const r of stored) expect(r).toMatchObject({ channel: 'web', locale: 'en', pointOfService: 'kyiv-central' });

    const [complaint] = await sql<{ has_phone: boolean; reason_code: string }>(
      `SELECT phone_sealed IS NOT NULL AS has_phone, reason_code FROM complaint WHERE point_of_service = 'kyiv-central'`,
    );
    expect(complaint).toEqual({ has_phone: true, reason_code: stored.find((r) => r.questionCode === 'reason')!.choice });

    // A reload resumes the same conversation, the customer's own phone shown to them in full.
    await page.reload();
    await page.getByText('+380671234567').waitFor();
    expect(await page.locator('.bubble').count()).toBeGreaterThanOrEqual(7);
    await page.context().close();
  });

  it('walks the promoter path to the thank-you', async () => {
    const page = await phonePage('/chat?lang=en&point=lviv-market');
    await page.getByRole('button', { name: '10', exact: true }).click();
    const thanks = TEXTS.en.promoterThanks as string[];
    await page.getByText(new RegExp(thanks.map((t) => t.replace(/[.!?]/g, '\\$&')).join('|'))).first().waitFor();
    // The drawn questions: answer each with the first button offered, or skip a free-text one.
    const closing = new RegExp((TEXTS.en.closing as string[]).map((t) => t.replace(/[.!?]/g, '\\$&')).join('|'));
    // A question answered keeps its buttons, disabled, until the next one's come: only enabled ones are the next question's.
    const offered = page.locator('.controls button:enabled');
    for (let i = 0; i < 5; i++) {
      await offered.or(page.getByText(closing)).first().waitFor();
      if (await page.getByText(closing).count()) break;
      const skip = offered.filter({ hasText: new RegExp(`^${TEXTS.en.skip as string}$`) });
      if (await skip.count()) await skip.last().click();
      else await offered.first().click();
    }
    await page.getByText(closing).waitFor();
    await saveScreenshot(page, 'web-chat-promoter-en.png');
    const stored = await responses('lviv-market');
    expect(stored.find((r) => r.questionCode === 'nps')).toMatchObject({ score: 10, channel: 'web' });
    expect(new Set(stored.map((r) => r.conversationId)).size).toBe(1);
    await page.context().close();
  });

  it('shows the Ukrainian page in Ukrainian', async () => {
    const page = await phonePage('/chat?lang=uk&point=odesa');
    expect(await page.getAttribute('html', 'lang')).toBe('uk');
    expect(await page.title()).toBe(STRINGS.uk.title);
    await page.getByRole('button', { name: '0', exact: true }).waitFor();
    await expect(page.getByText(/Вітаємо|Добрий день|Дякуємо/).first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: STRINGS.uk.send, exact: true }).isVisible()).resolves.toBe(true);
    await saveScreenshot(page, 'web-chat-uk.png');
    await page.context().close();
  });

  it('can be used with the keyboard alone, through labelled controls', async () => {
    const page = await phonePage('/chat?lang=en&point=keyboard-desk');
    await page.getByRole('button', { name: '9', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(new RegExp((TEXTS.en.promoterThanks as string[]).map((t) => t.replace(/[.!?]/g, '\\$&')).join('|'))).first().waitFor();
    await page.getByLabel(STRINGS.en.inputLabel).fill('The queue moved fast');
    await page.keyboard.press('Enter');
    await page.getByText('The queue moved fast').waitFor();
    await page.getByText(TEXTS.en.noted as string).waitFor();
    const [organic] = await sql<{ text: string }>(`SELECT text FROM organic_feedback WHERE point_of_service = 'keyboard-desk'`);
    expect(organic).toEqual({ text: 'The queue moved fast' });
    expect((await responses('keyboard-desk')).find((r) => r.questionCode === 'nps')).toMatchObject({ score: 9 });
    await page.context().close();
  });

  it("says kindly that an unknown place's code was not recognised, in the page's language, and runs the survey", async () => {
    for (const lang of ['en', 'uk', 'ru']) {
      const page = await phonePage(`/chat?lang=${lang}&point=front-desk`);
      await page.getByText(STRINGS[lang].pointUnknown, { exact: true }).waitFor();
      await page.getByRole('button', { name: '0', exact: true }).waitFor();
      if (lang === 'en') await saveScreenshot(page, 'web-chat-unknown-point-en.png');
      await page.context().close();
    }
    // A registered point's page says nothing of the kind.
    const known = await phonePage('/chat?lang=en&point=lviv-market');
    await known.getByRole('button', { name: '0', exact: true }).waitFor();
    expect(await known.getByText(STRINGS.en.pointUnknown).isVisible()).toBe(false);
    await known.context().close();
  });

  it("offers a caller's SMS link in the browser, Telegram, Viber or Messenger, opens the survey here on request, in their language, and tells another browser it was opened", async () => {
    const contact = { externalId: 'browser-sms-1', customer: { phone: '+380671110001', locale: 'uk' }, agent: 'iryna', serviceType: 'call', pointOfService: 'odesa', occurredAt: new Date().toISOString() };
    expect((await adminPost('/api/v1/contacts', contact)).status).toBe(201);
    for (let i = 0; i < 100 && !twilio.sent('+380671110001').length; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const [text] = twilio.sent('+380671110001');
    const path = new URL(/https:\/\/\S+/.exec(text.text)![0]).pathname;
    const token = path.split('/').pop()!;

    // Before anything opens, the page asks where to answer: here, or in a messenger the bot is
    // on, with nothing to type, report or stop yet. In Ukrainian, the contact's language.
    const page = await phonePage(path);
    expect(await page.getAttribute('html', 'lang')).toBe('uk');
    const uk = STRINGS.uk;
    await page.getByRole('heading', { name: uk.chooserTitle, exact: true }).waitFor();
    const here = page.getByRole('button', { name: uk.answerHere, exact: true });
    const inTelegram = page.getByRole('link', { name: uk.answerInTelegram, exact: true });
    const inViber = page.getByRole('link', { name: uk.answerInViber, exact: true });
    expect(await inTelegram.getAttribute('href')).toBe(`https://t.me/${TELEGRAM_USERNAME}?start=${token}`);
    expect(await inViber.getAttribute('href')).toBe(`viber://pa?chatURI=${FakeViber.ACCOUNT_URI}&context=${token}`);
    const inMessenger = page.getByRole('link', { name: uk.answerInMessenger, exact: true });
    expect(await inMessenger.getAttribute('href')).toBe(`https://m.me/${FakeMessenger.PAGE_USERNAME}?ref=${token}`);
    for (const hidden of ['#chat-composer', '#chat-stop', '#chat-complain']) expect(await page.locator(hidden).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '9', exact: true }).count()).toBe(0);
    // The keyboard reaches the choice in reading order: the browser first, then the messengers.
    const focused = () => page.evaluate<string>('document.activeElement.textContent.trim()');
    await here.focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(uk.answerInTelegram);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(uk.answerInViber);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(uk.answerInMessenger);
    // In every language, on a phone and a desktop, nothing scrolls sideways; only looking at the page opens nothing.
    for (const [lang, width] of ['uk', 'ru', 'en'].flatMap((l) => [390, 1280].map((w) => [l, w] as const))) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const look = await context.newPage();
      await look.goto(`${turbota.url}${path}?lang=${lang}`);
      await look.getByRole('heading', { name: STRINGS[lang].chooserTitle, exact: true }).waitFor();
      for (const name of [STRINGS[lang].answerHere, STRINGS[lang].answerInTelegram, STRINGS[lang].answerInViber, STRINGS[lang].answerInMessenger]) expect(await look.getByText(name, { exact: true }).isVisible()).toBe(true);
      expect(await sidewaysScroll(look)).toBe(false);
      const scope = axeScopeAt(lang, width === 390 ? 'phone' : 'desktop');
      if (scope) expect(await seriousViolations(look, scope)).toEqual([]);
      await saveScreenshot(look, `web-chat-link-chooser-${lang}-${width}.png`);
      await context.close();
    }

    // Here, in the browser: the survey opens as on any link, the keyboard on its first answer.
    await here.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '9', exact: true }).waitFor();
    expect(await focused()).toBe('0');
    await page.getByRole('button', { name: '9', exact: true }).click();
    expect(await page.getByRole('heading', { name: uk.chooserTitle }).count()).toBe(0);
    // The thanks is a variant of the service standard's promoter event.
    const thanks = STANDARD.events.promoter.actions[0].phrases.uk;
    await page.getByText(new RegExp(thanks.map((t) => t.replace(/[.!?]/g, '\\$&')).join('|'))).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'web-chat-sms-link-uk.png');
    const [answer] = (await responses('odesa')).filter((r) => r.questionCode === 'nps' && r.score === 9);
    expect(answer).toMatchObject({ channel: 'web', locale: 'uk', pointOfService: 'odesa' });
    // Reloaded in the same browser, it goes on without asking again; another browser is told, in its language, that it was opened.
    await page.reload();
    await page.getByText('9', { exact: true }).first().waitFor();
    expect(await page.getByRole('heading', { name: uk.chooserTitle }).count()).toBe(0);
    await page.context().close();
    for (const [lang, width] of ['uk', 'ru', 'en'].flatMap((l) => [390, 1280].map((w) => [l, w] as const))) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const other = await context.newPage();
      await other.goto(`${turbota.url}${path}?lang=${lang}`);
      await other.getByText(STRINGS[lang].linkClosed, { exact: true }).waitFor();
      expect(await other.getByRole('heading', { name: STRINGS[lang].chooserTitle }).count()).toBe(0);
      expect(await seriousViolations(other)).toEqual([]);
      await saveScreenshot(other, `web-chat-sms-link-opened-elsewhere-${lang}-${width}.png`);
      await context.close();
    }
    const unknown = await phonePage('/chat/s/sv_AAAAAAAAAAAAAAAAAAAAAAAA?lang=en');
    await unknown.getByText(STRINGS.en.linkUnknown, { exact: true }).waitFor();
    await saveScreenshot(unknown, 'web-chat-sms-link-unknown-en.png');
    await unknown.context().close();
  });

  it("answers an e-mail's first question in one click, and unsubscribes on a page that asks first", async () => {
    const contact = { externalId: 'browser-mail-1', customer: { email: 'browser.mail@example.com', locale: 'en' }, agent: 'iryna', serviceType: 'call', pointOfService: 'lviv-market', occurredAt: new Date().toISOString() };
    expect((await adminPost('/api/v1/contacts', contact)).status).toBe(201);
    for (let i = 0; i < 100 && !mail.to('browser.mail@example.com').length; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const [message] = mail.to('browser.mail@example.com');
    // The e-mail as a mail client shows it, its links pointed at this process instead of the public address.
    const html = (message.html as string).replaceAll(PUBLIC_URL, turbota.url);
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const letter = await context.newPage();
      await letter.setContent(html);
      expect(await sidewaysScroll(letter)).toBe(false);
      await saveScreenshot(letter, `email-invitation-en-${width}.png`);
      await context.close();
    }
    const letter = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await letter.setContent(html);
    // One click on 8 opens the survey with 8 given: the next question waits, and the score is recorded.
    await letter.getByRole('link', { name: '8', exact: true }).click();
    await letter.waitForURL(/\/chat\/s\/sv_[A-Za-z0-9_-]{24}\?answer=8$/);
    await letter.getByText('8', { exact: true }).first().waitFor();
    expect(await letter.getByRole('heading', { name: STRINGS.en.chooserTitle }).count()).toBe(0);
    await letter.locator('#chat-prompt button').first().waitFor();
    expect(await seriousViolations(letter)).toEqual([]);
    await saveScreenshot(letter, 'web-chat-email-answered-en-390.png');
    const [answer] = (await responses('lviv-market')).filter((r) => r.questionCode === 'nps');
    expect(answer).toMatchObject({ score: 8, channel: 'web', locale: 'en' });
    const unsubscribe = new URL(letter.url()).pathname.replace(/$/, '/unsubscribe');
    await letter.context().close();

    // The unsubscribe link's page asks first, in every language, on a phone and a desktop.
    for (const [lang, width] of ['uk', 'ru', 'en'].flatMap((l) => [390, 1280].map((w) => [l, w] as const))) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const ask = await context.newPage();
      await ask.goto(`${turbota.url}${unsubscribe}?lang=${lang}`);
      await ask.getByRole('heading', { name: STRINGS[lang].unsubscribeTitle, exact: true }).waitFor();
      expect(await sidewaysScroll(ask)).toBe(false);
      expect(await seriousViolations(ask)).toEqual([]);
      await saveScreenshot(ask, `web-chat-unsubscribe-${lang}-${width}.png`);
      if (lang === 'en' && width === 390) {
        await ask.getByRole('button', { name: STRINGS.en.unsubscribeButton, exact: true }).click();
        await ask.getByRole('heading', { name: STRINGS.en.unsubscribedTitle, exact: true }).waitFor();
        expect(await seriousViolations(ask)).toEqual([]);
        await saveScreenshot(ask, 'web-chat-unsubscribed-en-390.png');
      }
      await context.close();
    }
    const again = await adminPost('/api/v1/contacts', { ...contact, externalId: 'browser-mail-2' });
    expect(await again.json()).toMatchObject({ decision: 'skipped', reason: 'opted_out' });
  });
});
