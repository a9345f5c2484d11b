import { readFileSync } from 'node:fs';
import { projectPath } from '@turbota/common';
import type { DialogueTexts } from '@turbota/dialogue';
import type { InboundEvent } from '../channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError } from '../send-errors';
import { ViberAdapter, viberError } from './viber.adapter';
import { viberCallback } from '../../../../../tests/support/viber-fixtures';
import { renderPrompt } from './viber-render';

const TEXTS = JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<'uk' | 'ru' | 'en', DialogueTexts>;
// The documented example of Viber's signature (STACK notes), with its token.
const TOKEN = '44dafb7e0f40021e-61a47a1e6778d187-f2c5a676a07050b3';
const adapter = new ViberAdapter({ authToken: TOKEN, apiUrl: 'http://127.0.0.1:9/pa/', senderName: 'Turbota', defaultLocale: 'uk', textsFor: (l) => TEXTS[l] });
const user = '01234567890A=';
const parse = (raw: string) => adapter.parse(JSON.parse(raw), Buffer.from(raw));

describe('Viber callbacks', () => {
  it('checks the signature over the raw body with the documented example', () => {
    const rawBody = Buffer.from('{"event":"webhook","timestamp":4977069964384421269,"message_token":1478683725125}');
    const signed = (signature: string) => ({ headers: { 'x-viber-content-signature': signature }, rawBody, body: {} });
    expect(adapter.verify(signed('d21b343448c8aee33b8e93768ef6ceb64a6ba6163099973a2b8bd028fea510ef'))).toBe(true);
    expect(adapter.verify(signed('d21b343448c8aee33b8e93768ef6ceb64a6ba6163099973a2b8bd028fea510ee'))).toBe(false);
    expect(adapter.verify(signed('not-hex'))).toBe(false);
    expect(adapter.verify({ headers: {}, rawBody, body: {} })).toBe(false);
  });

  it('reads keyboard replies, words, commands and a shared phone, keyed by the exact 64-bit token', () => {
    const input = (text: string) => (parse(viberCallback('message-text', { token: '4912661846655238145', userId: user, text }))[0] as InboundEvent).input;
    expect(input('s:7')).toEqual({ kind: 'scale', value: 7 });
    expect(input('c:waiting')).toEqual({ kind: 'choice', code: 'waiting' });
    expect(input('/start kyiv-central')).toEqual({ kind: 'start', payload: 'kyiv-central' });
    expect(input('/stop')).toEqual({ kind: 'command', command: 'stop' });
    expect(input('Slow service')).toEqual({ kind: 'text', text: 'Slow service' });
    const [event] = parse(viberCallback('message-contact', { token: '4912661846655238146', userId: user })) as InboundEvent[];
    expect(event).toMatchObject({ key: 'vb:4912661846655238146', address: user, input: { kind: 'contact', phone: '+380671234567' }, context: { locale: 'en', customerName: 'Olena' } });
  });

  it('reads delivery reports and subscriptions; the probe and the opening carry no input', () => {
    expect(parse(viberCallback('seen', { token: '5741311803571721087', userId: user }))).toEqual([
      { kind: 'delivery', platformMessageId: '5741311803571721087', status: 'seen', detail: undefined },
    ]);
    expect(parse(viberCallback('failed', { token: '5741311803571721088', userId: user }))[0]).toMatchObject({ status: 'failed', detail: 'failure description' });
    expect(parse(viberCallback('unsubscribed', { token: '1', userId: user }))).toEqual([{ kind: 'subscription', address: user, subscribed: false }]);
    expect(parse(viberCallback('webhook', { token: '1', userId: user }))).toEqual([]);
    expect(parse(viberCallback('conversation-started', { token: '1', userId: user }))).toEqual([]);
    expect(() => parse('{"timestamp":1}')).toThrow('event is missing');
  });

  it('welcomes a customer who opens the chat with a button that starts the survey for the point', () => {
    const opened = JSON.parse(viberCallback('conversation-started', { token: '1', userId: user, language: 'uk' })) as unknown;
    expect(adapter.acknowledgement(opened)).toEqual({
      sender: { name: 'Turbota' },
      type: 'text',
      text: TEXTS.uk.greeting[0],
      keyboard: { Type: 'keyboard', DefaultHeight: false, Buttons: [{ Columns: 6, Rows: 1, ActionType: 'reply', ActionBody: '/start kyiv-central', Text: 'Оцінити обслуговування', Silent: true }] },
    });
  });
});

describe('prompts as Viber keyboards', () => {
  it('lays the NPS scale out on two rows of six columns and asks for the phone with share-phone', () => {
    const nps = renderPrompt({ kind: 'scale', questionCode: 'nps', text: 'Recommend?', min: 0, max: 10 });
    expect(nps.keyboard!.Buttons.map((b) => [b.Text, b.ActionBody, b.Columns])).toEqual(Array.from({ length: 11 }, (_, i) => [String(i), `s:${i}`, 1]));
    const contact = renderPrompt({ kind: 'contact', questionCode: 'contact', text: 'Phone?', consentText: 'Only for this.', accepts: ['phone'], shareLabel: 'Share' });
    expect(contact).toMatchObject({ min_api_version: 3, keyboard: { Buttons: [{ ActionType: 'share-phone', Text: 'Share' }] } });
  });

  it('maps Viber status codes to what the outbox should do', () => {
    expect(viberError(6, 'receiverNotSubscribed')).toBeInstanceOf(RecipientUnreachableError);
    expect(viberError(2, 'invalidAuthToken')).toBeInstanceOf(BadCredentialsError);
    expect(viberError(12, 'tooManyRequests')).toBeInstanceOf(RateLimitedError);
  });
});
