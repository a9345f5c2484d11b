import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Locale, projectPath } from '@turbota/common';
import type { DialogueTexts } from '@turbota/dialogue';
import { PiiCipher } from '@turbota/privacy';
import type { InboundEvent } from '../channel-adapter';
import { RateLimitedError, RecipientUnreachableError, RejectedMessageError } from '../send-errors';
import { WhatsappAdapter } from './whatsapp.adapter';
import { WhatsappInvitations } from './whatsapp-invitation';
import { FakeWhatsapp, WHATSAPP_FAILURES } from '../../../../../tests/support/fake-whatsapp';
import { WHATSAPP_PHONE_NUMBER_ID, whatsappMessage as msg, whatsappStatus, whatsappWebhook } from '../../../../../tests/support/whatsapp-fixtures';

const TOKEN = 'EAAG-unit-whatsapp-token';
const TEXTS = JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<Locale, DialogueTexts>;
const cipher = new PiiCipher([randomBytes(32)]);
const adapterAt = (apiUrl: string) =>
  new WhatsappAdapter({ accessToken: TOKEN, phoneNumberId: WHATSAPP_PHONE_NUMBER_ID, appSecret: 'app-secret', apiUrl, defaultLocale: 'uk', textsFor: (l) => TEXTS[l], cipher });
const adapter = adapterAt('http://127.0.0.1:9/v21.0');
const waId = '380671234567';
const address = cipher.blindIndex('+380671234567').toString('hex');
const parse = (content: Parameters<typeof whatsappWebhook>[0]) => adapter.parse(JSON.parse(whatsappWebhook(content)));
const input = (message: { from: string }) => (parse({ messages: [message] })[0] as InboundEvent | undefined)?.input;

describe('WhatsApp webhooks as channel-neutral events', () => {
  it('reads words and commands keyed by the wamid, for the number\'s blind index, the number sealed in the reference, the profile name as the name', () => {
    const [event] = parse({ messages: [msg.text(waId, 'wamid.A1', 'The queue was long')], names: { [waId]: 'Olena Petrenko' } }) as InboundEvent[];
    expect(event).toMatchObject({ kind: 'input', address, key: 'wa:wamid.A1', input: { kind: 'text', text: 'The queue was long' }, context: { locale: 'uk', customerName: 'Olena Petrenko' } });
    expect(JSON.stringify(event)).not.toContain('671234567');
    expect(cipher.open(Buffer.from((event.reference as { to: string }).to, 'base64'))).toBe(waId);
    expect(input(msg.text(waId, 'wamid.A2', '/complain'))).toEqual({ kind: 'command', command: 'complain' });
    expect(parse({ messages: [msg.text(waId, 'wamid.A3', '/start kyiv-central')] })[0]).toMatchObject({ input: { kind: 'start', payload: 'kyiv-central' }, context: { pointOfService: 'kyiv-central' } });
  });

  it('reads reply buttons and list rows as answers, "share my phone" as the number written from, a template\'s quick reply as a start', () => {
    expect(input(msg.button(waId, 'wamid.B1', 's:2', '2'))).toEqual({ kind: 'scale', value: 2 });
    expect(input(msg.listRow(waId, 'wamid.B2', 'c:waiting', 'Waiting'))).toEqual({ kind: 'choice', code: 'waiting' });
    expect(input(msg.button(waId, 'wamid.B3', 'share-phone', 'Share'))).toEqual({ kind: 'contact', phone: '+380671234567' });
    const token = `sv_${'A'.repeat(24)}`;
    expect(parse({ messages: [msg.templateReply(waId, 'wamid.B4', token)] })[0]).toMatchObject({ input: { kind: 'start' }, context: { surveyLink: token } });
    expect(input(msg.templateReply(waId, 'wamid.B5', 'kyiv-central'))).toEqual({ kind: 'start', payload: 'kyiv-central' });
    // A button of no question of ours, a picture: nothing to read.
    expect(parse({ messages: [msg.button(waId, 'wamid.B6', 'MENU_1'), msg.image(waId, 'wamid.B7'), msg.templateReply(waId, 'wamid.B8', 'Stop promotions')] })).toEqual([]);
  });

  it('reads delivered, read and failed (with the code and title, not the number); ignores sent', () => {
    expect(
      parse({
        statuses: [
          whatsappStatus('wamid.S1', 'sent', waId),
          whatsappStatus('wamid.S1', 'delivered', waId),
          whatsappStatus('wamid.S1', 'read', waId),
          whatsappStatus('wamid.S2', 'failed', waId, { code: 131047, title: 'Re-engagement message' }),
        ],
      }),
    ).toEqual([
      { kind: 'delivery', platformMessageId: 'wamid.S1', status: 'delivered' },
      { kind: 'delivery', platformMessageId: 'wamid.S1', status: 'seen' },
      { kind: 'delivery', platformMessageId: 'wamid.S2', status: 'failed', detail: 'WhatsApp: 131047 Re-engagement message' },
    ]);
  });

  it("ignores another number's changes, other fields and objects; refuses what WhatsApp never sends, naming it", () => {
    expect(parse({ messages: [msg.text(waId, 'wamid.C1', 'hi')], phoneNumberId: '999' })).toEqual([]);
    expect(adapter.parse({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'message_template_status_update', value: {} }] }] })).toEqual([]);
    expect(adapter.parse({ object: 'page', entry: [] })).toEqual([]);
    expect(() => adapter.parse({ entry: [] })).toThrow('object and entry[] are missing');
    expect(() => adapter.parse({ object: 'whatsapp_business_account', entry: [{ id: '1' }] })).toThrow('entry[0].changes is not a list');
    const change = (value: object) => ({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value: { metadata: { phone_number_id: WHATSAPP_PHONE_NUMBER_ID }, ...value } }] }] });
    expect(() => adapter.parse(change({ messages: [{ id: 'wamid.x', type: 'text', text: { body: 'hi' } }] }))).toThrow('messages[0].from is not a WhatsApp id');
    expect(() => adapter.parse(change({ messages: [{ from: '+380 67', id: 'wamid.x', type: 'text' }] }))).toThrow('from is not a WhatsApp id');
    expect(() => adapter.parse(change({ messages: [{ from: waId, type: 'text' }] }))).toThrow('messages[0].id is missing');
    expect(() => adapter.parse(change({ statuses: {} }))).toThrow('statuses is not a list');
  });
});

describe('sending through the Cloud API', () => {
  let fake: FakeWhatsapp;
  const reference = { to: cipher.seal(waId).toString('base64') };
  const choice = { kind: 'choice', questionCode: 'why', text: 'Чому?', options: ['a', 'b', 'c', 'd'].map((code) => ({ code, label: code })), allowsText: true } as const;
  beforeAll(async () => {
    fake = await FakeWhatsapp.start(TOKEN, WHATSAPP_PHONE_NUMBER_ID);
  });
  afterAll(() => fake.close());

  it('posts to the number opened from the reference, in the customer\'s language, and answers the wamid; a receipt sends nothing', async () => {
    const sender = adapterAt(fake.url);
    const sent = await sender.send({ id: '1', address, reference, body: choice, locale: 'en' });
    expect(sent.platformMessageId).toMatch(/^wamid\./);
    const call = fake.sent(waId).at(-1)!;
    expect(call.body).toMatchObject({ messaging_product: 'whatsapp', recipient_type: 'individual', to: waId, type: 'interactive', interactive: { type: 'list', action: { button: 'Choose' } } });
    await sender.send({ id: '2', address, reference, body: choice });
    expect(fake.sent(waId).at(-1)!.body).toMatchObject({ interactive: { action: { button: 'Обрати' } } });
    expect(await sender.send({ id: '3', address, reference, body: { kind: 'receipt', replyTo: 'wamid.1', text: 'x' } })).toEqual({});
  });

  it('throws what the outbox should do: wait, stop, give up with the window as the reason; without a number it cannot send', async () => {
    const sender = adapterAt(fake.url);
    fake.failNext(WHATSAPP_FAILURES.throughput());
    await expect(sender.send({ id: '4', address, reference, body: choice })).rejects.toMatchObject({ constructor: RateLimitedError, retryAfterSeconds: 2 });
    fake.failFor('380670000001', WHATSAPP_FAILURES.undeliverable());
    const gone = { to: cipher.seal('380670000001').toString('base64') };
    await expect(sender.send({ id: '5', address: 'x', reference: gone, body: choice })).rejects.toBeInstanceOf(RecipientUnreachableError);
    fake.failFor('380670000002', WHATSAPP_FAILURES.outsideWindow());
    const late = { to: cipher.seal('380670000002').toString('base64') };
    await expect(sender.send({ id: '6', address: 'x', reference: late, body: choice })).rejects.toThrow(/^Rejected: send: HTTP 400 \(#131047\).*outside the 24-hour window/);
    await expect(sender.send({ id: '7', address, body: choice })).rejects.toBeInstanceOf(RecipientUnreachableError);
    const foreign = { to: new PiiCipher([randomBytes(32)]).seal(waId).toString('base64') };
    await expect(sender.send({ id: '8', address, reference: foreign, body: choice })).rejects.toThrow(/cannot be opened \(unknown-key\)/);
    await expect(adapterAt(fake.url.replace('v21.0', 'v20.0')).send({ id: '9', address, reference, body: choice })).rejects.toBeInstanceOf(RejectedMessageError);
  });

  it('sends the invitation template in the contact\'s language, its quick reply carrying the survey link token', async () => {
    const invitations = new WhatsappInvitations({ apiUrl: fake.url, accessToken: TOKEN, phoneNumberId: WHATSAPP_PHONE_NUMBER_ID, template: 'survey_invitation' });
    const token = `sv_${'B'.repeat(24)}`;
    const sent = await invitations.send({ to: '+380671234568', locale: 'ru', token });
    expect(sent.providerMessageId).toMatch(/^wamid\./);
    expect(fake.sent('+380671234568').at(-1)!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+380671234568',
      type: 'template',
      template: { name: 'survey_invitation', language: { code: 'ru' }, components: [{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: token }] }] },
    });
    fake.failFor('+380671234569', WHATSAPP_FAILURES.undeliverable());
    await expect(invitations.send({ to: '+380671234569', locale: 'uk', token })).rejects.toBeInstanceOf(RecipientUnreachableError);
  });

  it('only says where to set the webhook: Meta takes it in the app dashboard', async () => {
    await expect(adapter.register('https://feedback.example.com')).resolves.toBe(false);
  });
});
