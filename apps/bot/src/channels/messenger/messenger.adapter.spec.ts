import type { InboundEvent } from '../channel-adapter';
import { RateLimitedError, RecipientUnreachableError, RejectedMessageError } from '../send-errors';
import { MessengerAdapter } from './messenger.adapter';
import { FakeMessenger, GRAPH_FAILURES } from '../../../../../tests/support/fake-messenger';
import { messengerEvent as ev, messengerWebhook } from '../../../../../tests/support/messenger-fixtures';

const PAGE_TOKEN = 'EAAG-unit-page-token';
const psid = '24910125987654321';
const adapterAt = (apiUrl: string) => new MessengerAdapter({ pageAccessToken: PAGE_TOKEN, appSecret: 'app-secret', apiUrl, defaultLocale: 'uk' });
const adapter = adapterAt('http://127.0.0.1:9/v21.0');
const parse = (...events: object[]) => adapter.parse(JSON.parse(messengerWebhook(...events)));
const input = (event: object) => (parse(event)[0] as InboundEvent | undefined)?.input;

describe('Messenger webhooks as channel-neutral events', () => {
  it('reads words, commands, quick replies and a shared phone, keyed by the message id, in the default language', () => {
    expect(parse(ev.text(psid, 'm_1', 'The queue was long'))).toEqual([{ kind: 'input', address: psid, key: 'mg:m_1', input: { kind: 'text', text: 'The queue was long' }, context: { locale: 'uk' } }]);
    expect(input(ev.text(psid, 'm_2', '/complain'))).toEqual({ kind: 'command', command: 'complain' });
    expect(input(ev.text(psid, 'm_3', '/Stop'))).toEqual({ kind: 'command', command: 'stop' });
    expect(input(ev.quickReply(psid, 'm_4', 's:2', '2'))).toEqual({ kind: 'scale', value: 2 });
    expect(input(ev.quickReply(psid, 'm_5', 'c:waiting', 'I waited too long'))).toEqual({ kind: 'choice', code: 'waiting' });
    expect(input(ev.sharedPhone(psid, 'm_6', '+380 67 123 4567'))).toEqual({ kind: 'contact', phone: '+380671234567' });
    expect(input(ev.quickReply(psid, 'm_7', 'olena@example.com'))).toEqual({ kind: 'contact', email: 'olena@example.com' });
    expect(parse(ev.text(psid, 'm_8', '/start kyiv-central'))[0]).toMatchObject({ input: { kind: 'start', payload: 'kyiv-central' }, context: { locale: 'uk', pointOfService: 'kyiv-central' } });
  });

  it('starts from Get Started, with the point or the survey link an m.me link carried, and from a referral in an open conversation', () => {
    expect(parse(ev.postback(psid, '/start', { mid: 'm_pb1' }))).toEqual([{ kind: 'input', address: psid, key: 'mg:m_pb1', input: { kind: 'start' }, context: { locale: 'uk' } }]);
    const fromLink = parse(ev.postback(psid, '/start', { ref: 'kyiv-central' }))[0] as InboundEvent;
    expect(fromLink).toMatchObject({ input: { kind: 'start', payload: 'kyiv-central' }, context: { pointOfService: 'kyiv-central' } });
    expect(fromLink.key).toMatch(/^mg:pb:24910125987654321:\d+$/);
    const referred = parse(ev.referral(psid, 'kyiv-central'))[0] as InboundEvent;
    expect(referred).toMatchObject({ input: { kind: 'start', payload: 'kyiv-central' } });
    expect(referred.key).toMatch(/^mg:ref:24910125987654321:\d+$/);
    expect(parse(ev.referral(psid, 'not a point!'))[0]).toMatchObject({ input: { kind: 'start' }, context: { pointOfService: null } });
    const token = `sv_${'A'.repeat(24)}`;
    expect(parse(ev.referral(psid, token))[0]).toMatchObject({ input: { kind: 'start' }, context: { surveyLink: token } });
    // A menu item of the Page's own is not for Turbota.
    expect(parse(ev.postback(psid, 'OPENING_HOURS', { mid: 'm_pb2' }))).toEqual([]);
  });

  it('reads delivery reports by message id, or by watermark when Messenger names none, and reads by watermark', () => {
    expect(parse(ev.delivery(psid, ['m_a', 'm_b'], 1_760_000_000_500))).toEqual([
      { kind: 'delivery', platformMessageId: 'm_a', status: 'delivered' },
      { kind: 'delivery', platformMessageId: 'm_b', status: 'delivered' },
    ]);
    expect(parse(ev.delivery(psid, undefined, 1_760_000_000_500))).toEqual([{ kind: 'watermark', address: psid, status: 'delivered', watermark: 1_760_000_000_500 }]);
    expect(parse(ev.read(psid, 1_760_000_000_900))).toEqual([{ kind: 'watermark', address: psid, status: 'seen', watermark: 1_760_000_000_900 }]);
  });

  it('ignores echoes, attachments alone and other objects; refuses what Messenger never sends, naming it', () => {
    expect(parse(ev.echo(psid, 'm_echo'), ev.attachment(psid, 'm_pic'))).toEqual([]);
    expect(adapter.parse({ object: 'instagram', entry: [{ messaging: [ev.text(psid, 'm_9', 'hi')] }] })).toEqual([]);
    expect(adapter.parse({ object: 'page', entry: [{ id: '1', time: 1, standby: [] }] })).toEqual([]);
    expect(() => adapter.parse({ entry: [] })).toThrow('object and entry[] are missing');
    expect(() => adapter.parse([])).toThrow('object and entry[] are missing');
    expect(() => adapter.parse({ object: 'page', entry: [{ messaging: {} }] })).toThrow('entry[0].messaging is not a list');
    expect(() => adapter.parse({ object: 'page', entry: [{ messaging: [{ message: { mid: 'm', text: 'hi' } }] }] })).toThrow('entry[0].messaging[0].sender.id is missing');
    expect(() => adapter.parse({ object: 'page', entry: [{ messaging: [{ sender: { id: psid }, message: { text: 'hi' } }] }] })).toThrow('message.mid is missing');
    expect(() => adapter.parse({ object: 'page', entry: [{ messaging: [{ sender: { id: psid }, read: { watermark: 'soon' } }] }] })).toThrow('read.watermark is not a time');
    expect(() => adapter.parse({ object: 'page', entry: [{ messaging: [{ sender: { id: psid }, delivery: { mids: [1], watermark: 1 } }] }] })).toThrow('delivery.mids is not a list');
  });
});

describe('sending through the Send API', () => {
  let fake: FakeMessenger;
  beforeAll(async () => {
    fake = await FakeMessenger.start(PAGE_TOKEN);
  });
  afterAll(() => fake.close());

  const nps = { kind: 'scale', questionCode: 'nps', text: 'Recommend us?', min: 0, max: 10 } as const;

  it('posts the rendered prompt as a response to the PSID with the Page token, and answers the message id; a receipt sends nothing', async () => {
    const sender = adapterAt(fake.url);
    const sent = await sender.send({ id: '1', address: psid, body: nps });
    expect(sent.platformMessageId).toMatch(/^m_fake/);
    expect(fake.sent(psid).at(-1)?.body).toMatchObject({ recipient: { id: psid }, messaging_type: 'RESPONSE', message: { text: 'Recommend us?' } });
    expect(fake.sent(psid).at(-1)?.message?.quick_replies).toHaveLength(11);
    expect(await sender.send({ id: '2', address: psid, body: { kind: 'receipt', replyTo: 'm_1', text: 'x' } })).toEqual({});
  });

  it('throws what the outbox should do: wait, stop, or give the message up with the window as the reason', async () => {
    const sender = adapterAt(fake.url);
    fake.failNext(GRAPH_FAILURES.rateLimited(3));
    await expect(sender.send({ id: '3', address: psid, body: nps })).rejects.toMatchObject({ constructor: RateLimitedError, retryAfterSeconds: 3 });
    fake.blocked.add('blocked-psid');
    await expect(sender.send({ id: '4', address: 'blocked-psid', body: nps })).rejects.toBeInstanceOf(RecipientUnreachableError);
    fake.outsideWindow.add('late-psid');
    await expect(sender.send({ id: '5', address: 'late-psid', body: nps })).rejects.toThrow(/^Rejected: send: HTTP 400 \(#10\/2018278\).*outside the 24-hour window/);
    await expect(sender.send({ id: '5', address: 'late-psid', body: nps })).rejects.toBeInstanceOf(RejectedMessageError);
  });

  it('only says where to set the webhook: Meta takes it in the app dashboard', async () => {
    await expect(adapter.register('https://feedback.example.com')).resolves.toBe(false);
  });
});
