import { readFileSync } from 'node:fs';
import { type Locale, projectPath } from '@turbota/common';
import type { ChannelsConfig } from '@turbota/config';
import type { DialogueTexts, Prompt } from '@turbota/dialogue';
import { channelPreviews as previewsIn } from './channel-preview';

const OFF: ChannelsConfig = { telegram: null, slack: null, viber: null, messenger: null, whatsapp: null, botframework: null };
const UK = (JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<Locale, DialogueTexts>).uk;
const channelPreviews = (prompt: Prompt, channels: ChannelsConfig) => previewsIn(prompt, channels, UK);
const TELEGRAM_ONLY: ChannelsConfig = { ...OFF, telegram: { botToken: 't', mode: 'webhook', webhookSecret: 's', apiRoot: 'https://api.telegram.org' } };
const CONTACT: Prompt = { kind: 'contact', questionCode: 'callback', text: 'May we call?', consentText: 'For this case only.', accepts: ['phone'], shareLabel: 'Share my phone', declineLabel: 'No, thanks' };

describe('channel previews', () => {
  it('previews every channel, marking the ones turned on (the web chat always is)', async () => {
    const previews = await channelPreviews(CONTACT, TELEGRAM_ONLY);
    expect(previews.map((p) => [p.channel, p.enabled])).toEqual([
      ['telegram', true],
      ['viber', false],
      ['messenger', false],
      ['whatsapp', false],
      ['slack', false],
      ['botframework', false],
      ['msteams', false],
      ['web', true],
    ]);
  });

  it("answers each channel's message as plain JSON, the keyboards as sent", async () => {
    const byChannel = Object.fromEntries((await channelPreviews(CONTACT, OFF)).map((p) => [p.channel, p.payload]));
    expect(byChannel.telegram).toEqual({
      text: 'May we call?\n\nFor this case only.',
      reply_markup: { keyboard: [[{ text: 'Share my phone', request_contact: true }], [{ text: 'No, thanks' }]], resize_keyboard: true, one_time_keyboard: true },
    });
    expect(Object.getPrototypeOf(byChannel.telegram)).toBe(Object.prototype);
    expect(byChannel.messenger).toEqual({
      text: 'May we call?\n\nFor this case only.',
      quick_replies: [{ content_type: 'user_phone_number' }, { content_type: 'text', title: 'No, thanks', payload: 'c:no' }],
    });
    expect(byChannel.whatsapp).toEqual({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'May we call?\n\nFor this case only.' },
        action: { buttons: [{ type: 'reply', reply: { id: 'share-phone', title: 'Share my phone' } }, { type: 'reply', reply: { id: 'c:no', title: 'No, thanks' } }] },
      },
    });
    expect(byChannel.web).toEqual(CONTACT);
  });

  it("draws WhatsApp's own words in the preview's language: the list's button", async () => {
    const choice: Prompt = { kind: 'choice', questionCode: 'why', text: 'Чому?', options: ['a', 'b', 'c', 'd'].map((code) => ({ code, label: code.toUpperCase() })), allowsText: true };
    const whatsapp = (await channelPreviews(choice, OFF)).find((p) => p.channel === 'whatsapp')!.payload as { interactive: { action: { button: string } } };
    expect(whatsapp.interactive.action.button).toBe('Обрати');
  });
});
