import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ConversationService } from '@turbota/conversations';
import type { MessageEntity } from '@turbota/persistence';
import { browserAvailable, launchBrowser, saveScreenshot } from '../support/browser';
import { apiCall, type ApiCallInit, startTestApp, type TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

const en = (text: string) => ({ en: text });
/** A pool as an English-only business writes it: no Ukrainian or Russian anywhere. */
const englishQuestions = () => [
  { code: 'nps', type: 'nps', text: en('Would you recommend our desk?'), lowLabel: en('Not at all'), highLabel: en('Definitely') },
  {
    code: 'reason',
    type: 'single_choice',
    text: en('What went wrong?'),
    options: [
      { code: 'queue', label: en('The queue was long'), factor: 'responsiveness' },
      { code: 'staff', label: en('The staff were unhelpful'), factor: 'empathy' },
    ],
  },
  { code: 'kind', type: 'likert', factor: 'empathy', text: en('The staff were kind') },
];
const CYRILLIC = /[\u0400-\u04FF]/;
const withBrowser = browserAvailable() ? it : it.skip;

/** What a Ukrainian phone's browser shows of the web chat at `url` (after a tap on a language): the page's language, the switch, the first bot bubble. */
async function chatInBrowser(browser: Browser, url: string, shot: string, switchTo?: string): Promise<{ lang: string; offered: string[]; firstBubble: string }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'uk-UA' });
  try {
    const page = await context.newPage();
    await page.goto(url);
    if (switchTo) await Promise.all([page.waitForURL(/lang=/), page.getByRole('link', { name: switchTo.toUpperCase() }).click()]);
    const bubble = page.locator('#chat-log .bubble--bot').first();
    await bubble.waitFor();
    await saveScreenshot(page, `pool-locales-${shot}.png`);
    return {
      lang: await page.locator('html').getAttribute('lang') ?? '',
      offered: await page.locator('nav.langs a').allTextContents(),
      firstBubble: (await bubble.textContent()) ?? '',
    };
  } finally {
    await context.close();
  }
}

interface Pool {
  id: string;
  locales: string[];
  version: number;
}

/** Every word a customer was shown: texts, scale labels, option labels, consent texts. */
function wordsOf(messages: MessageEntity[]): string[] {
  return messages
    .filter((m) => m.direction === 'out')
    .flatMap((m) => {
      const body = m.body as { text?: string; lowLabel?: string; highLabel?: string; consentText?: string; options?: { label: string }[] };
      return [body.text, body.lowLabel, body.highLabel, body.consentText, ...(body.options ?? []).map((o) => o.label)].filter((w): w is string => Boolean(w));
    });
}

describe(`languages per installation and per pool (${databaseKind})`, () => {
  describe('an installation speaking uk, ru and en', () => {
    let t: TestApp;
    let conversations: ConversationService;
    const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);

    beforeAll(async () => {
      t = await startTestApp();
      conversations = t.app.get(ConversationService);
    });
    afterAll(() => t.close());

    it('offers every language it speaks to a pool, in its order', async () => {
      expect(await (await call('/api/v1/question-pools/languages')).json()).toEqual({ languages: ['uk', 'ru', 'en'] });
    });

    it('accepts an English-only pool declaring locales ["en"], and asks a Ukrainian customer in English throughout', async () => {
      const created = await call('/api/v1/question-pools', { method: 'POST', body: { name: 'English desk', locales: ['en'], questions: englishQuestions() } });
      expect(created.status).toBe(201);
      const pool = (await created.json()) as Pool;
      expect(pool).toMatchObject({ locales: ['en'], version: 1 });
      const policy = await call('/api/v1/survey-policies', {
        method: 'POST',
        body: { name: 'Desk', serviceTypes: ['desk'], integralMetric: 'nps', poolId: pool.id, reasonQuestion: 'reason', maxQuestions: 1 },
      });
      expect(policy.status).toBe(201);

      const address = { channel: 'web', address: 'pool-locales-uk-customer' };
      const started = await conversations.start(address, { locale: 'uk', serviceType: 'desk' });
      const low = await conversations.handle(address, { key: 'score', input: { kind: 'scale', value: 2 } });
      const reason = await conversations.handle(address, { key: 'reason', input: { kind: 'choice', code: 'queue' } });
      const statement = await conversations.handle(address, { key: 'likert', input: { kind: 'choice', code: '4' } });

      const shown = [started, low, reason, statement].flatMap((step) => wordsOf(step.messages));
      expect(shown).toEqual(expect.arrayContaining(['Not at all', 'Definitely', 'The queue was long', 'The staff were unhelpful']));
      expect(shown.find((w) => w.includes('Would you recommend our desk?'))).toBeDefined();
      expect(shown.find((w) => w.includes('The staff were kind'))).toBeDefined();
      expect(shown.filter((w) => CYRILLIC.test(w))).toEqual([]);
      const [row] = await t.app.get(DataSource).query<{ locale: string; status: string }[]>(`SELECT locale, status FROM conversation WHERE id = $1`, [started.conversationId]);
      expect(row).toEqual({ locale: 'en', status: 'completed' });
    });

    withBrowser('offers every language in the web chat, and a switch to English starts the chat in English', async () => {
      const browser = await launchBrowser();
      try {
        const first = await chatInBrowser(browser, `${t.url}/chat`, 'every-language');
        expect(first).toMatchObject({ lang: 'uk', offered: ['UK', 'RU', 'EN'] });
        expect(first.firstBubble).toMatch(CYRILLIC);
        const switched = await chatInBrowser(browser, `${t.url}/chat`, 'switched-to-en', 'en');
        expect(switched.lang).toBe('en');
        expect(switched.firstBubble).not.toMatch(CYRILLIC);
      } finally {
        await browser.close();
      }
    });

    it('still asks a Ukrainian customer in Ukrainian from a pool in every language', async () => {
      const address = { channel: 'web', address: 'pool-locales-uk-generic' };
      const started = await conversations.start(address, { locale: 'uk' });
      const shown = wordsOf(started.messages);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.every((w) => CYRILLIC.test(w))).toBe(true);
    });

    it('refuses a pool missing a text in a declared language, naming the field and the language', async () => {
      const questions = englishQuestions().map((q) => ({ ...q, text: { ...q.text, uk: `uk ${q.text.en}` } }));
      const res = await call('/api/v1/question-pools', { method: 'POST', body: { name: 'Half Ukrainian', locales: ['en', 'uk'], questions } });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { field: string; problems: string[] }[] };
      expect(body.errors).toEqual([
        { field: 'questions[0].lowLabel.uk', problems: ['Question "nps" has no low label in uk'] },
        { field: 'questions[0].highLabel.uk', problems: ['Question "nps" has no high label in uk'] },
        { field: 'questions[1].options[0].label.uk', problems: ['Question "reason" has no option "queue" label in uk'] },
        { field: 'questions[1].options[1].label.uk', problems: ['Question "reason" has no option "staff" label in uk'] },
      ]);
      const undeclared = await call('/api/v1/question-pools', { method: 'POST', body: { name: 'Undeclared', questions: englishQuestions() } });
      expect(undeclared.status).toBe(400);
      expect(((await undeclared.json()) as { message: string }).message).toContain('questions[0].text.uk: Question "nps" has no text in uk');
    });

    it('takes new languages as a new version, keeping texts in other languages, and keeps the version when they are unchanged', async () => {
      const questions = englishQuestions().map((q, i) => (i === 0 ? { ...q, text: { ...q.text, ru: 'Порекомендуете нас?' } } : q));
      const pool = (await (await call('/api/v1/question-pools', { method: 'POST', body: { name: 'Kept', locales: ['en'], questions } })).json()) as Pool & { questions: { text: Record<string, string> }[] };
      expect(pool.questions[0].text).toEqual({ en: 'Would you recommend our desk?', ru: 'Порекомендуете нас?' });
      const refused = await call(`/api/v1/question-pools/${pool.id}`, { method: 'PATCH', body: { locales: ['en', 'ru'] } });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toContain('questions[1].text.ru: Question "reason" has no text in ru');
      const same = (await (await call(`/api/v1/question-pools/${pool.id}`, { method: 'PATCH', body: { locales: ['en'] } })).json()) as Pool;
      expect(same).toMatchObject({ version: 1, locales: ['en'] });
    });
  });

  describe('an installation speaking English only (SUPPORTED_LOCALES=en)', () => {
    let t: TestApp;
    const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);

    beforeAll(async () => {
      t = await startTestApp({ env: { SUPPORTED_LOCALES: 'en' } });
    });
    afterAll(() => t.close());

    it('needs a pool only in English, and refuses one declaring uk, naming the field and the language', async () => {
      // What the console's pool editor offers.
      expect(await (await call('/api/v1/question-pools/languages')).json()).toEqual({ languages: ['en'] });
      const created = await call('/api/v1/question-pools', { method: 'POST', body: { name: 'English only', questions: englishQuestions() } });
      expect(created.status).toBe(201);
      expect(((await created.json()) as Pool).locales).toEqual(['en']);
      const ukrainian = await call('/api/v1/question-pools', { method: 'POST', body: { name: 'Ukrainian', locales: ['uk'], questions: englishQuestions() } });
      expect(ukrainian.status).toBe(400);
      expect(await ukrainian.json()).toMatchObject({
        message: 'locales[0]: uk is not spoken here (SUPPORTED_LOCALES is en)',
        errors: [{ field: 'locales[0]', problems: ['uk is not spoken here (SUPPORTED_LOCALES is en)'] }],
      });
    });

    it('seeds the shipped pool in English only', async () => {
      const pools = (await (await call('/api/v1/question-pools')).json()) as (Pool & { name: string })[];
      expect(pools.find((p) => p.name === 'Post-contact')?.locales).toEqual(['en']);
    });

    it('serves the web chat in English only, whatever the page or the browser asks, with no language switch', async () => {
      for (const ask of ['/chat?lang=uk', '/chat?lang=ru']) {
        const res = await fetch(`${t.url}${ask}`, { headers: { 'Accept-Language': 'uk-UA,uk;q=0.9,ru;q=0.8' } });
        const html = await res.text();
        expect(html).toContain('<html lang="en"');
        const config = JSON.parse(/<script type="application\/json" id="turbota-chat-config">(.*?)<\/script>/s.exec(html)![1]) as { locale: string; locales: string[] };
        expect(config).toMatchObject({ locale: 'en', locales: ['en'] });
        expect(html).not.toMatch(CYRILLIC);
      }
    });

    withBrowser('shows a Ukrainian phone the web chat in English, with no language to switch to', async () => {
      const browser = await launchBrowser();
      try {
        const shown = await chatInBrowser(browser, `${t.url}/chat?lang=uk`, 'english-only');
        expect(shown).toMatchObject({ lang: 'en', offered: [] });
        expect(shown.firstBubble).not.toMatch(CYRILLIC);
      } finally {
        await browser.close();
      }
    });

    it('speaks English to a customer whose browser or platform speaks Ukrainian, from greeting to the last question', async () => {
      const res = await fetch(`${t.url}/chat/api/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ locale: 'uk' }) });
      expect(res.status).toBe(200);
      const opened = (await res.json()) as { messages: { text?: string; prompt?: { text?: string; lowLabel?: string; highLabel?: string } }[] };
      const words = opened.messages.flatMap((m) => [m.text, m.prompt?.text, m.prompt?.lowLabel, m.prompt?.highLabel]).filter((w): w is string => Boolean(w));
      expect(words.length).toBeGreaterThan(0);
      expect(words.filter((w) => CYRILLIC.test(w))).toEqual([]);

      const conversations = t.app.get(ConversationService);
      const address = { channel: 'web', address: 'pool-locales-en-only' };
      await conversations.start(address, { locale: 'ru' });
      const after = await conversations.handle(address, { key: 'score', input: { kind: 'scale', value: 1 } });
      const shown = wordsOf(after.messages);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.filter((w) => CYRILLIC.test(w))).toEqual([]);
    });
  });
});
