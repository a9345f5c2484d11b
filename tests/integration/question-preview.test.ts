import { ConversationService } from '@turbota/conversations';
import type { MessageEntity } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { type Platforms, startPlatforms } from '../support/platforms';
import { apiCall, type ApiCallInit, startTestApp, type TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';

jest.setTimeout(60_000);

const en = (text: string) => ({ en: text });
const SCALE = { code: 'effort', type: 'ces', text: en('How easy was it to get help?'), lowLabel: en('Very hard'), highLabel: en('Very easy') };
const CHOICE = {
  code: 'contact_way',
  type: 'single_choice',
  text: en('How did you reach us?'),
  options: ['phone', 'chat', 'visit', 'mail'].map((code) => ({ code, label: en(`By ${code}`) })),
};
const CONTACT = { code: 'callback', type: 'contact', text: en('We will put it right.'), consentText: en('We keep your number for this case only.'), accepts: ['phone'] };
const POOL = [{ code: 'nps', type: 'nps', text: en('Would you recommend us?'), lowLabel: en('Not at all'), highLabel: en('Certainly') }, SCALE, CHOICE, CONTACT];

interface ChannelPreview {
  channel: string;
  enabled: boolean;
  payload: { text: string } & Record<string, unknown>;
}

const PLATFORMS = {
  telegram: { token: '7000000002:AAHpreview-token', secret: 'preview-secret_1' },
  viber: { authToken: 'preview-viber-token' },
  messenger: { pageToken: 'EAAG-preview-page-token', appSecret: 'preview-app-secret', verifyToken: 'preview-verify' },
  whatsapp: { accessToken: 'EAAG-preview-wa-token', appSecret: 'preview-wa-secret', verifyToken: 'preview-wa-verify' },
  slack: { token: 'xoxb-preview', signingSecret: 'preview-signing-secret' },
  botframework: { anonymous: true },
};

/** The fields of a sent body besides the ones that address it. */
const without = (body: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(body).filter(([key]) => !keys.includes(key)));
/** The fields of a sent body the preview names (a Bot Framework activity carries its conversation's ids besides). */
const pick = (body: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((key) => key in body).map((key) => [key, body[key]]));

describe(`question preview through the channels' own renderers (${databaseKind})`, () => {
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let conversations: ConversationService;
  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    t = await startTestApp({ env: platforms.env });
    conversations = t.app.get(ConversationService);
    const pool = await call('/api/v1/question-pools', { method: 'POST', body: { name: 'Preview pool', locales: ['en'], questions: POOL } });
    expect(pool.status).toBe(201);
    const { id: poolId } = (await pool.json()) as { id: string };
    const policy = await call('/api/v1/survey-policies', {
      method: 'POST',
      body: { name: 'Preview', serviceTypes: ['preview'], integralMetric: 'nps', poolId, maxQuestions: 2, contactQuestion: 'callback' },
    });
    expect(policy.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await platforms.close();
  });

  const preview = async (question: unknown): Promise<Record<string, ChannelPreview>> => {
    const res = await call('/api/v1/question-pools/preview', { method: 'POST', body: { locale: 'en', question } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { channels: ChannelPreview[] };
    return Object.fromEntries(body.channels.map((c) => [c.channel, c]));
  };

  /** The address of one conversation on a channel, and the reference Bot Framework writes to it by. */
  const addressOf = (channel: string, id: string) => {
    if (channel === 'botframework' || channel === 'msteams') {
      const reference = { channelId: channel === 'msteams' ? 'msteams' : 'emulator', serviceUrl: platforms.botframework.url, conversation: { id }, bot: { id: 'bot' }, user: { id: `user-${id}` } };
      return { address: { channel: 'botframework', address: id }, reference };
    }
    if (channel === 'whatsapp') {
      // WhatsApp knows a customer by their number's blind index, and writes to the number sealed in the reference.
      const cipher = t.app.get(PiiCipher);
      return { address: { channel, address: cipher.blindIndex(`+${WA_IDS[id]}`).toString('hex') }, reference: { to: cipher.seal(WA_IDS[id]).toString('base64') } };
    }
    return { address: { channel, address: id }, reference: undefined };
  };
  /** The WhatsApp numbers of the surveys, by their ids. */
  const WA_IDS: Record<string, string> = { 'whatsapp-promoter': '380675550001', 'whatsapp-complaint': '380675550002' };

  /**
   * A real survey on the address: a 9 and both drawn questions answered; or a 2, which is
   * followed by the contact request. The web chat's transcript messages are what it returns.
   */
  async function survey(channel: string, id: string, path: 'promoter' | 'complaint'): Promise<MessageEntity[]> {
    const { address, reference } = addressOf(channel, id);
    const step = (key: string, input: Parameters<ConversationService['handle']>[1]['input']) => conversations.handle(address, { key: `${id}-${key}`, input, reference }, { locale: 'en', serviceType: 'preview' });
    const messages = [...(await step('start', { kind: 'start' })).messages];
    if (path === 'complaint') return [...messages, ...(await step('score', { kind: 'scale', value: 2 })).messages];
    messages.push(...(await step('score', { kind: 'scale', value: 9 })).messages);
    for (const key of ['first', 'second']) {
      const asked = messages[messages.length - 1].body as { kind: string };
      const answer = asked.kind === 'choice' ? ({ kind: 'choice', code: 'chat' } as const) : ({ kind: 'scale', value: 3 } as const);
      messages.push(...(await step(key, answer)).messages);
    }
    return messages;
  }

  /** What each platform received for the question whose text the preview shows, without the addressing fields. */
  const SENT: Record<string, (id: string, text: string, keys: string[], shown: unknown) => Promise<unknown>> = {
    telegram: async (id, text) => without((await waitFor(() => platforms.telegram.delivered('sendMessage', id).find((c) => c.params.text === text))).params, 'chat_id'),
    viber: async (id, text) => without((await waitFor(() => platforms.viber.sent(id).find((c) => c.body.text === text))).body, 'receiver', 'sender'),
    messenger: async (id, text) => (await waitFor(() => platforms.messenger.sent(id).find((c) => c.message?.text === text))).message,
    // A WhatsApp message has no top-level text: a message sent in the survey that is the preview, whole.
    whatsapp: async (id, _text, _keys, shown) => {
      const sent = () => platforms.whatsapp.sent(WA_IDS[id]).map((c) => without(c.body, 'messaging_product', 'recipient_type', 'to'));
      // Compared as JSON: the preview was read by fetch, in another realm than the fake's bodies.
      return waitFor(() => sent().find((body) => JSON.stringify(body) === JSON.stringify(shown)));
    },
    slack: async (id, text) => without((await waitFor(() => platforms.slack.posted(id).find((c) => c.args.text === text))).args, 'channel'),
    botframework: async (id, text, keys) => pick((await waitFor(() => platforms.botframework.delivered(id).find((c) => c.activity.text === text))).activity, keys),
  };
  SENT.msteams = SENT.botframework;

  it('answers every channel, on or off, and marks which are on', async () => {
    const channels = await preview(SCALE);
    expect(Object.keys(channels)).toEqual(['telegram', 'viber', 'messenger', 'whatsapp', 'slack', 'botframework', 'msteams', 'web']);
    expect(Object.values(channels).every((c) => c.enabled)).toBe(true);
    expect(channels.telegram.payload.text).toBe('How easy was it to get help?\n1 — Very hard · 7 — Very easy');
  });

  it.each(['telegram', 'viber', 'messenger', 'whatsapp', 'slack', 'botframework', 'msteams'])('previews a scale, a choice and a contact request exactly as %s sends them in a survey', async (channel) => {
    await survey(channel, `${channel}-promoter`, 'promoter');
    await survey(channel, `${channel}-complaint`, 'complaint');
    for (const [question, id] of [
      [SCALE, `${channel}-promoter`],
      [CHOICE, `${channel}-promoter`],
      [CONTACT, `${channel}-complaint`],
    ] as const) {
      const { payload } = (await preview(question))[channel];
      await expect(SENT[channel](id, payload.text, Object.keys(payload), payload)).resolves.toEqual(payload);
    }
  });

  it("previews each question as the web chat's transcript message", async () => {
    const promoter = await survey('web', 'web-promoter', 'promoter');
    const complaint = await survey('web', 'web-complaint', 'complaint');
    for (const [question, messages] of [
      [SCALE, promoter],
      [CHOICE, promoter],
      [CONTACT, complaint],
    ] as const) {
      const { payload } = (await preview(question)).web;
      expect(messages.find((m) => (m.body as { text: string }).text === payload.text)?.body).toEqual(payload);
    }
  });

  it('shows a Teams choice of more than three options as a card, and the other hosts as suggested actions', async () => {
    const channels = await preview(CHOICE);
    expect(channels.msteams.payload).toHaveProperty('attachments');
    expect(channels.botframework.payload).toHaveProperty('suggestedActions');
  });

  it('names a text missing in the language at its field', async () => {
    const res = await call('/api/v1/question-pools/preview', { method: 'POST', body: { locale: 'ru', question: { ...CHOICE, text: { en: 'How?', ru: ' ' } } } });
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: { field: string }[] };
    expect(errors.map((e) => e.field)).toEqual(['question.text.ru', ...CHOICE.options.map((_, i) => `question.options[${i}].label.ru`)]);
  });
});
