import { type InboundEvent, MalformedRequestError } from '../channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, TemporarySendError } from '../send-errors';
import { BotFrameworkAdapter, sendErrorOf } from './botframework.adapter';
import { botFrameworkActivity } from '../../../../../tests/support/botframework-fixtures';
import { renderPrompt } from './botframework-render';

const adapter = new BotFrameworkAdapter({ defaultLocale: 'en', serviceUrls: [] });
const activity = (fixture: 'message' | 'conversation-update', text?: string, serviceUrl = 'https://smba.trafficmanager.net/emea/') =>
  botFrameworkActivity(fixture, { id: 'a-1', conversationId: 'c-1', serviceUrl, text });

describe('Bot Framework activities', () => {
  it('opens the survey when the customer joins, keeping the conversation reference for replies', () => {
    const [event] = adapter.parse(activity('conversation-update')) as InboundEvent[];
    expect(event).toMatchObject({ kind: 'input', address: 'c-1', key: 'bf:a-1', input: { kind: 'start' }, context: { locale: 'uk', customerName: 'Olena' } });
    expect(event.reference).toMatchObject({ serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'c-1' }, channelId: 'emulator' });
  });

  it('reads words and commands; ignores group conversations and the bot joining alone', () => {
    const input = (text: string) => (adapter.parse(activity('message', text))[0] as InboundEvent).input;
    expect(input('/start kyiv-central')).toEqual({ kind: 'start', payload: 'kyiv-central' });
    expect(input('/complain')).toEqual({ kind: 'command', command: 'complain' });
    expect(input('Rather agree')).toEqual({ kind: 'text', text: 'Rather agree' });
    expect(adapter.parse({ ...activity('message'), conversation: { id: 'g', isGroup: true } })).toEqual([]);
    expect(adapter.parse({ ...activity('conversation-update'), membersAdded: [{ id: 'turbota-bot' }] })).toEqual([]);
  });

  it('takes replies only to Microsoft\'s Bot Connector hosts or a configured origin', () => {
    const refused = ['http://127.0.0.1:3978/', 'http://169.254.169.254/', 'http://[::1]/', 'http://2130706433/', 'https://smba.trafficmanager.net@127.0.0.1/',
      'http://smba.trafficmanager.net/', 'https://smba.trafficmanager.net:8443/', 'https://botframework.com.evil.example/', 'https://evilbotframework.com/', 'not a url'];
    for (const serviceUrl of refused) expect(() => adapter.parse(activity('message', 'hi', serviceUrl))).toThrow(MalformedRequestError);
    for (const serviceUrl of ['https://smba.infra.gcc.teams.microsoft.com/teams', 'https://webchat.botframework.com/', 'https://europe.directline.botframework.com/']) {
      expect(adapter.parse(activity('message', 'hi', serviceUrl))).toHaveLength(1);
    }
    const emulator = new BotFrameworkAdapter({ defaultLocale: 'en', serviceUrls: ['http://127.0.0.1:3978'] });
    expect(emulator.parse(activity('message', 'hi', 'http://127.0.0.1:3978/'))).toHaveLength(1);
    expect(() => emulator.parse(activity('message', 'hi', 'http://127.0.0.1:3979/'))).toThrow(/serviceUrl is not a Bot Framework service address/);
    const anyPort = new BotFrameworkAdapter({ defaultLocale: 'en', serviceUrls: ['http://localhost:*'] });
    expect(anyPort.parse(activity('message', 'hi', 'http://localhost:56123/'))).toHaveLength(1);
    expect(() => anyPort.parse(activity('message', 'hi', 'http://127.0.0.1:56123/'))).toThrow(MalformedRequestError);
  });

  it('sends nothing to a Microsoft host that resolves to an internal address', async () => {
    const poisoned = new BotFrameworkAdapter({ defaultLocale: 'en', serviceUrls: [], lookup: () => Promise.resolve(['52.112.0.1', '169.254.169.254']) });
    const reference = { serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams', conversation: { id: 'c-1' } };
    await expect(poisoned.send({ id: 'm-1', address: 'c-1', reference, body: { kind: 'text', text: 'Hi' } })).rejects.toThrow(RecipientUnreachableError);
    await expect(poisoned.send({ id: 'm-2', address: 'c-1', reference: { ...reference, serviceUrl: 'http://10.0.0.1/' }, body: { kind: 'text', text: 'Hi' } })).rejects.toThrow(/not a Bot Framework service address/);
  });

  it('reads a tapped card button from the activity\'s value', () => {
    const tapped = { ...activity('message'), text: undefined, value: { answer: '9', msteams: { type: 'imBack', value: '9' } } };
    expect((adapter.parse(tapped)[0] as InboundEvent).input).toEqual({ kind: 'text', text: '9' });
    expect(adapter.parse({ ...activity('message'), text: undefined, value: 'x' })).toEqual([]);
  });

  it('gives Teams every button of a scale or a long choice as an Adaptive Card, rows of at most six', () => {
    const nps = renderPrompt({ kind: 'scale', questionCode: 'nps', text: 'Recommend?', min: 0, max: 10 }, 'msteams');
    expect(nps.suggestedActions).toBeUndefined();
    const card = nps.attachments![0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const rows = (card.content as { body: { type: string; actions: { type: string; title: string; data: unknown }[] }[] }).body;
    expect(rows.map((r) => r.actions.map((a) => a.title))).toEqual([['0', '1', '2', '3', '4', '5'], ['6', '7', '8', '9', '10']]);
    expect(rows[1].actions[3]).toEqual({ type: 'Action.Submit', title: '9', data: { answer: '9', msteams: { type: 'imBack', value: '9' } } });
    const options = ['Slow', 'Rude', 'Wrong', 'Price'].map((label) => ({ code: label.toLowerCase(), label }));
    const reasons = renderPrompt({ kind: 'choice', questionCode: 'reason', text: 'Why?', options, allowsText: true }, 'msteams');
    expect((reasons.attachments![0].content as { body: unknown[] }).body).toHaveLength(4);
    const yesNo = renderPrompt({ kind: 'choice', questionCode: 'consent', text: 'Call?', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }], allowsText: false }, 'msteams');
    expect(yesNo.suggestedActions!.actions).toHaveLength(2);
    expect(renderPrompt({ kind: 'scale', questionCode: 'nps', text: 'Recommend?', min: 0, max: 10 }, 'webchat').suggestedActions!.actions).toHaveLength(11);
  });

  it('offers scales and choices as suggested actions that send their label back', () => {
    const scale = renderPrompt({ kind: 'scale', questionCode: 'csat', text: 'Satisfied?', min: 1, max: 5 });
    expect(scale.suggestedActions!.actions.map((a): unknown[] => [a.type, a.title, a.value as string])).toEqual(['1', '2', '3', '4', '5'].map((d) => ['imBack', d, d]));
    const choice = renderPrompt({ kind: 'choice', questionCode: 'reason', text: 'Why?', options: [{ code: 'slow', label: 'Slow' }], allowsText: true });
    expect(choice.suggestedActions!.actions[0]).toMatchObject({ title: 'Slow', value: 'Slow' });
  });

  it('maps connector failures to what the outbox should do', () => {
    const failure = (statusCode: number | undefined, retryAfter?: string) =>
      sendErrorOf(Object.assign(new Error('failed'), { statusCode, response: { headers: { get: () => retryAfter } } }));
    expect((failure(429, '4') as RateLimitedError).retryAfterSeconds).toBe(4);
    expect(failure(403)).toBeInstanceOf(RecipientUnreachableError);
    expect(failure(401)).toBeInstanceOf(BadCredentialsError);
    expect(failure(503)).toBeInstanceOf(TemporarySendError);
    expect(failure(undefined)).toBeInstanceOf(TemporarySendError);
  });
});
