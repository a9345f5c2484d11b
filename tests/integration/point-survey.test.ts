import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { telegramUpdate } from '../support/telegram-fixtures';
import { viberCallback, type ViberFixture } from '../support/viber-fixtures';
import { ChatClient, promptsOf } from '../support/chat-client';
import { decodePng } from '../support/qr-decode';
import { apiCall, type ApiCallInit, startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { postTelegramUpdate, postViberCallback } from '../support/webhooks';
import { type Platforms, startPlatforms } from '../support/platforms';

const TOKEN = '7000000019:AAHpoint-survey-token';
const SECRET = 'point-survey-secret';
const VIBER_TOKEN = '4dafb7e0f40021e6-1a47a1e6778d187f-2c5a676a0705survey';
const all = (en: string, uk: string, ru: string) => ({ uk, ru, en });
const BRANCH_NPS = all(
  'How likely are you to recommend our Khreshchatyk branch?',
  'Наскільки ймовірно, що ви порадите наше відділення на Хрещатику?',
  'Насколько вероятно, что вы порекомендуете наше отделение на Крещатике?',
);
const BRANCH_REASON = all('What spoiled the visit?', 'Що зіпсувало візит?', 'Что испортило визит?');
const GREETING = all('Thank you for visiting us on Khreshchatyk!', 'Дякуємо, що завітали до нас на Хрещатик!', 'Спасибо, что зашли к нам на Крещатик!');
const UNKNOWN_LINE = "We could not recognise this place's code";

interface Prompt {
  kind: string;
  questionCode?: string;
  text?: string;
}

const PLATFORMS = { telegram: { token: TOKEN, secret: SECRET }, viber: { authToken: VIBER_TOKEN } };

describe(`a point of service carries its survey (${databaseKind})`, () => {
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let db: DataSource;
  let branchPolicyId: string;
  let branchPoolId: string;
  let genericPoolId: string;
  let genericNps: string;
  let updateId = 190_000;

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    // No PUBLIC_URL: a first run, as the quick start leaves it.
    t = await startTestApp({ env: platforms.env });
    db = t.app.get(DataSource);
    const pools = (await (await call('/api/v1/question-pools')).json()) as { id: string; name: string; questions: { type: string; text: Record<string, string> }[] }[];
    const generic = pools.find((p) => p.name === 'Post-contact')!;
    genericPoolId = generic.id;
    genericNps = generic.questions.find((q) => q.type === 'nps')!.text.en;

    // An admin's pool and policy for branch visits, and the point whose QR code is on the counter.
    branchPoolId = (await created('/api/v1/question-pools', {
      name: 'Branch visits',
      questions: [
        { code: 'branch_nps', type: 'nps', text: BRANCH_NPS, lowLabel: all('Not at all', 'Зовсім ні', 'Совсем нет'), highLabel: all('Certainly', 'Напевно', 'Наверняка') },
        {
          code: 'branch_why',
          type: 'single_choice',
          text: BRANCH_REASON,
          options: [
            { code: 'queue', label: all('The queue', 'Черга', 'Очередь'), factor: 'responsiveness' },
            { code: 'staff', label: all('The staff', 'Персонал', 'Персонал'), factor: 'empathy' },
          ],
        },
      ],
    })).id;
    branchPolicyId = (await created('/api/v1/survey-policies', {
      name: 'Branch visits',
      serviceTypes: ['branch-visit'],
      integralMetric: 'nps',
      poolId: branchPoolId,
      reasonQuestion: 'branch_why',
    })).id;
    await created('/api/v1/points', { code: 'kyiv-central', name: 'Kyiv, Khreshchatyk', policyId: branchPolicyId, greeting: GREETING });
    await created('/api/v1/points', { code: 'lviv-market', name: 'Lviv, Rynok' });
  });
  afterAll(async () => {
    await t.close();
    await platforms.close();
  });

  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);
  async function created(path: string, body: unknown): Promise<{ id: string }> {
    const res = await call(path, { method: 'POST', body });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  }
  const conversationOf = async (channel: string, sessionOrChat: string) => {
    const rows = await db.query<{ policy_id: string; pool_id: string; point_of_service: string | null }[]>(
      `SELECT c.policy_id, c.pool_id, c.point_of_service FROM conversation c JOIN customer_identity i ON i.id = c.identity_id
       WHERE i.channel = $1 AND i.address = $2 ORDER BY c.started_at DESC LIMIT 1`,
      [channel, sessionOrChat],
    );
    return rows[0];
  };
  // The web chat keeps a session's address as the hash of its token.
  const webAddress = (session: string) => createHash('sha256').update(session).digest('hex');
  /** `/start <payload>` from a Telegram chat, and the first message the bot sends back there. */
  async function telegramStart(chatId: number, payload: string, languageCode: string): Promise<string> {
    const update = telegramUpdate('message-start', { updateId: ++updateId, chatId, text: `/start ${payload}`, languageCode });
    const res = await postTelegramUpdate(t.url, update, { secret: SECRET });
    expect(res.status).toBe(200);
    const sent = await waitFor(() => platforms.telegram.delivered('sendMessage', String(chatId))[0], 20_000);
    return String(sent.params.text);
  }
  /** A Viber callback, signed as Viber signs it. */
  async function viberSays(fixture: ViberFixture, userId: string, text?: string): Promise<Record<string, unknown>> {
    const raw = viberCallback(fixture, { token: String(++updateId), userId, text, language: 'en' });
    const res = await postViberCallback(t.url, raw, { token: VIBER_TOKEN });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }
  const unknownCodes = async (channel: string) => {
    const text = await (await fetch(`${t.url}/metrics`)).text();
    return Number(new RegExp(`^turbota_unknown_point_codes_total\\{channel="${channel}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  };

  it("asks a walk-in from the point's web chat link the branch pool's questions, after the point's greeting", async () => {
    const page = await (await fetch(`${t.url}/chat?point=kyiv-central&lang=en`)).text();
    expect(page).toContain('"point":"kyiv-central"');
    expect(page).toContain('"pointUnknown":false');

    const chat = new ChatClient(t.url);
    const opened = await chat.open({ locale: 'en', point: 'kyiv-central' });
    const [first] = promptsOf(opened.messages) as Prompt[];
    expect(first.kind).toBe('scale');
    expect(first.text).toContain(GREETING.en);
    expect(first.text).toContain(BRANCH_NPS.en);
    expect(first.text).not.toContain(genericNps);
    // A detractor is asked the branch pool's reason question.
    const [next] = promptsOf(await chat.send({ kind: 'scale', value: 3 })) as Prompt[];
    expect(next).toMatchObject({ questionCode: 'branch_why' });
    expect(next.text).toContain(BRANCH_REASON.en);
    expect(await conversationOf('web', webAddress(chat.session))).toEqual({ policy_id: branchPolicyId, pool_id: branchPoolId, point_of_service: 'kyiv-central' });

    const uk = promptsOf((await new ChatClient(t.url).open({ locale: 'uk', point: 'kyiv-central' })).messages)[0] as Prompt;
    expect(uk.text).toContain(GREETING.uk);
    expect(uk.text).toContain(BRANCH_NPS.uk);
  });

  it("asks a walk-in from the point's Telegram deep link the same, greeting them with the point's greeting", async () => {
    const text = await telegramStart(1_900_001, 'kyiv-central', 'ru');
    expect(text).toContain(GREETING.ru);
    expect(text).toContain(BRANCH_NPS.ru);
    expect(await conversationOf('telegram', '1900001')).toEqual({ policy_id: branchPolicyId, pool_id: branchPoolId, point_of_service: 'kyiv-central' });
  });

  it("asks a walk-in from the point's Viber deep link (its context) the same", async () => {
    // The deep link's context (kyiv-central in the recorded callback) comes back on the welcome's button.
    const welcome = await viberSays('conversation-started', 'viber-walk-in=');
    const [button] = (welcome.keyboard as { Buttons: { ActionBody: string }[] }).Buttons;
    expect(button.ActionBody).toBe('/start kyiv-central');
    await viberSays('message-text', 'viber-walk-in=', button.ActionBody);
    const sent = await waitFor(() => platforms.viber.sent('viber-walk-in=')[0], 20_000);
    expect(sent.body.text).toContain(GREETING.en);
    expect(sent.body.text).toContain(BRANCH_NPS.en);
    expect(await conversationOf('viber', 'viber-walk-in=')).toEqual({ policy_id: branchPolicyId, pool_id: branchPoolId, point_of_service: 'kyiv-central' });
  });

  it('gives a point without a policy the default survey, on the web chat and on Telegram', async () => {
    const chat = new ChatClient(t.url);
    const [first] = promptsOf((await chat.open({ locale: 'en', point: 'lviv-market' })).messages) as Prompt[];
    expect(first.text).toContain(genericNps);
    expect(first.text).not.toContain(GREETING.en);
    expect(await conversationOf('web', webAddress(chat.session))).toMatchObject({ pool_id: genericPoolId, point_of_service: 'lviv-market' });

    const text = await telegramStart(1_900_002, 'lviv-market', 'en');
    expect(text).toContain(genericNps);
    expect(text).not.toContain(BRANCH_NPS.en);
    expect(await conversationOf('telegram', '1900002')).toMatchObject({ pool_id: genericPoolId, point_of_service: 'lviv-market' });
  });

  it("greets in the customer's language only when the point has a greeting in it, and falls back to the default when its policy is archived", async () => {
    const odesaPolicy = (await created('/api/v1/survey-policies', { name: 'Odesa visits', serviceTypes: ['odesa-visit'], integralMetric: 'nps', poolId: branchPoolId })).id;
    await created('/api/v1/points', { code: 'odesa', name: 'Odesa', policyId: odesaPolicy, greeting: { uk: 'Вітаємо в Одесі!' } });
    const en = promptsOf((await new ChatClient(t.url).open({ locale: 'en', point: 'odesa' })).messages)[0] as Prompt;
    expect(en.text).toContain(BRANCH_NPS.en);
    expect(en.text).not.toContain('Вітаємо в Одесі!');
    expect((promptsOf((await new ChatClient(t.url).open({ locale: 'uk', point: 'odesa' })).messages)[0] as Prompt).text).toContain('Вітаємо в Одесі!');

    expect((await call(`/api/v1/survey-policies/${odesaPolicy}`, { method: 'DELETE' })).status).toBe(200);
    const chat = new ChatClient(t.url);
    const afterArchive = promptsOf((await chat.open({ locale: 'uk', point: 'odesa' })).messages)[0] as Prompt;
    expect(afterArchive.text).not.toContain(BRANCH_NPS.uk);
    expect(await conversationOf('web', webAddress(chat.session))).toMatchObject({ pool_id: genericPoolId, point_of_service: 'odesa' });
  });

  it('shows a friendly page for an unknown code and runs the default survey; the API answers 404 for it', async () => {
    const before = await unknownCodes('web');
    for (const [lang, point] of [['en', 'front-desk'], ['uk', '<script>alert(1)</script>']] as const) {
      const res = await fetch(`${t.url}/chat?lang=${lang}&point=${encodeURIComponent(point)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('"point":null');
      expect(html).toContain('"pointUnknown":true');
      expect(html).toContain('id="chat-point-unknown"');
      expect(html).not.toContain('alert(1)');
    }
    expect(await (await fetch(`${t.url}/chat?lang=en&point=front-desk`)).text()).toContain(UNKNOWN_LINE);
    expect(await unknownCodes('web')).toBe(before + 3);
    // The page opens its session without the code: the generic survey, counted once.
    const chat = new ChatClient(t.url);
    const [first] = promptsOf((await chat.open({ locale: 'en' })).messages) as Prompt[];
    expect(first.text).toContain(genericNps);
    expect(await unknownCodes('web')).toBe(before + 3);

    for (const path of ['/api/v1/points/front-desk', '/api/v1/points/front-desk/qr']) {
      const res = await call(path);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { message: string }).message).toBe('No point of service has the id or code "front-desk"');
    }
  });

  it("draws the QR code by the point's code, at the local address without PUBLIC_URL, and the link it holds opens the point's survey", async () => {
    const png = await call('/api/v1/points/kyiv-central/qr?format=png');
    expect(png.status).toBe(200);
    const link = decodePng(Buffer.from(await png.arrayBuffer()));
    expect(link).toBe(`${t.url}/chat?point=kyiv-central`);
    expect(await (await fetch(`${link}&lang=en`)).text()).toContain('"point":"kyiv-central"');
    const telegramLink = decodePng(Buffer.from(await (await call('/api/v1/points/kyiv-central/qr?target=telegram&format=png')).arrayBuffer()));
    expect(telegramLink).toBe('https://t.me/turbota_bot?start=kyiv-central');
    expect(t.logs.text()).toContain(`PUBLIC_URL is not set: QR codes and links use the local address ${t.url}`);
  });
});
