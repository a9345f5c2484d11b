import { type Prompt, questionTag } from '@turbota/dialogue';
import { receiptText } from '../channel-grammar';
import { fittedReceipt, renderPrompt, telegramOverflows } from './telegram-render';

const scale = (text: string): Prompt => ({ kind: 'scale', questionCode: 'nps', text, min: 0, max: 10, lowLabel: 'Not at all', highLabel: 'Certainly' });

describe('Telegram texts within 4,096 characters', () => {
  it('counts the scale labels the renderer adds and the longest receipt', () => {
    // 4,050 + "\n0 — Not at all · 10 — Certainly" (32) = 4,082 fits; its receipt "...\n\n✓ 10" (4,088) too.
    expect(telegramOverflows(scale('q'.repeat(4050)))).toEqual([]);
    const [overflow] = telegramOverflows(scale('q'.repeat(4060)));
    expect(overflow).toEqual({ part: 'characters with its answer labels and receipt', length: 4060 + 32 + 6, limit: 4096, unit: 'characters' });
    expect(receiptText(renderPrompt(scale('q'.repeat(4060))).text, '10')).toHaveLength(overflow.length);
  });

  it('measures a choice by its longest answer, and a plain text alone', () => {
    const choice: Prompt = { kind: 'choice', questionCode: 'why', text: 'w'.repeat(4000), options: [{ code: 'a', label: 'A' }, { code: 'b', label: 'b'.repeat(100) }], allowsText: true };
    expect(telegramOverflows(choice)).toEqual([{ part: 'characters with its answer labels and receipt', length: 4000 + 4 + 100, limit: 4096, unit: 'characters' }]);
    expect(telegramOverflows({ kind: 'text', text: 't'.repeat(4096) })).toEqual([]);
    expect(telegramOverflows({ kind: 'text', text: 't'.repeat(4097) })).toMatchObject([{ part: 'characters', length: 4097 }]);
  });

  it('keeps the question\'s tag within 64 bytes of button data even for the longest option code', () => {
    const longest: Prompt = { kind: 'choice', questionCode: 'q'.repeat(60), text: 'Why?', options: [{ code: 'o'.repeat(60), label: 'Long' }], allowsText: true };
    expect(telegramOverflows(longest)).toEqual([]);
    const rows = (renderPrompt(longest).reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard;
    expect(Buffer.byteLength(rows[0][0].callback_data)).toBe(64);
  });

  it('sends the keyboards as the Bot API JSON, byte for byte', () => {
    const tag = questionTag('why');
    const choice = renderPrompt({ kind: 'choice', questionCode: 'why', text: 'Why?', options: [{ code: 'slow', label: 'Slow' }], allowsText: true, endLabel: 'Done' });
    expect(JSON.stringify(choice.reply_markup)).toBe(`{"inline_keyboard":[[{"text":"Slow","callback_data":"c${tag}:slow"}],[{"text":"Done","callback_data":"c${tag}:end"}]]}`);
    const contact = renderPrompt({ kind: 'contact', questionCode: 'contact', text: 'Phone?', consentText: 'Only for this.', accepts: ['phone'], shareLabel: 'Share', declineLabel: 'No' });
    expect(JSON.stringify(contact.reply_markup)).toBe('{"keyboard":[[{"text":"Share","request_contact":true}],[{"text":"No"}]],"resize_keyboard":true,"one_time_keyboard":true}');
    expect(JSON.stringify(renderPrompt({ kind: 'free_text', questionCode: 'better', text: 'Better?' }).reply_markup)).toBe('{"remove_keyboard":true}');
  });

  it('cuts a text that would be refused rather than send it for ever', () => {
    expect(renderPrompt({ kind: 'text', text: 't'.repeat(5000) }).text).toHaveLength(4096);
    expect(renderPrompt({ kind: 'text', text: 'short' }).text).toBe('short');
  });

  it('fits a receipt by cutting the quoted question, keeping the answer whole', () => {
    const receipt = fittedReceipt(receiptText('q'.repeat(4095), 'I waited too long'));
    expect(receipt).toHaveLength(4096);
    expect(receipt.endsWith('q…\n\n✓ I waited too long')).toBe(true);
    expect(fittedReceipt(receiptText('Recommend us?', '7'))).toBe('Recommend us?\n\n✓ 7');
  });
});
