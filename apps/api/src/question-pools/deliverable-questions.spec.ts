import { telegramOverflows } from '../../../bot/src/channels/telegram/telegram-render';
import { viberOverflows } from '../../../bot/src/channels/viber/viber-render';
import { undeliverableQuestions } from './deliverable-questions';

const all = (text: string) => ({ uk: text, ru: text, en: text });
const nps = (length: number) => ({ code: 'q3', type: 'nps', text: { ...all('short'), en: 'q'.repeat(length) }, lowLabel: all('Not at all'), highLabel: all('Certainly') });
const telegram = { channel: 'telegram', title: 'Telegram', check: telegramOverflows };
const viber = { channel: 'viber', title: 'Viber', check: viberOverflows };

describe('questions every enabled channel can deliver', () => {
  it('names the question, the language, the length with labels and receipt, and the channel limit', () => {
    expect(undeliverableQuestions([nps(4000), nps(10)], [telegram, viber])).toEqual([]);
    expect(undeliverableQuestions([{ code: 'ok', type: 'free_text', text: all('Tell us') }, nps(4090)], [telegram, viber])).toEqual([
      { field: 'questions[1].text.en', problems: ['Question "q3" (en): 4,128 characters with its answer labels and receipt; Telegram allows 4,096'] },
    ]);
  });

  it('checks a pool in the languages it declares, where the question has its texts', () => {
    const labels = { lowLabel: { en: 'Not at all' }, highLabel: { en: 'Certainly' } };
    const english = { code: 'q3', type: 'nps', text: { en: 'q'.repeat(4090), uk: 'q'.repeat(4090) }, ...labels };
    expect(undeliverableQuestions([english], [telegram], ['en']).map((p) => p.field)).toEqual(['questions[0].text.en']);
    expect(undeliverableQuestions([{ ...english, text: { en: 'short', uk: 'q'.repeat(4090) } }], [telegram], ['en'])).toEqual([]);
    expect(undeliverableQuestions([{ ...english, text: { en: 'q'.repeat(4090) } }], [telegram]).map((p) => p.field)).toEqual(['questions[0].text.en']);
  });

  it('checks only the enabled channels, and leaves malformed questions to the pool validation', () => {
    expect(undeliverableQuestions([nps(4090)], [viber])).toEqual([]);
    expect(undeliverableQuestions([nps(4090)], [])).toEqual([]);
    expect(undeliverableQuestions([{ code: 'q', type: 'nps' }], [telegram])).toEqual([]);
  });
});
