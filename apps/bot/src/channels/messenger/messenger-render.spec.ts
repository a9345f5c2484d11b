import type { Prompt } from '@turbota/dialogue';
import { messengerOverflows, renderPrompt } from './messenger-render';

const NPS: Prompt = { kind: 'scale', questionCode: 'nps', text: 'Recommend us?', min: 0, max: 10, lowLabel: 'Not at all', highLabel: 'Certainly', endLabel: "That's all" };

describe('prompts as Messenger quick replies', () => {
  it('offers the NPS scale as eleven quick replies titled with the digits, the label line under the question and "That\'s all" last', () => {
    const message = renderPrompt(NPS);
    expect(message.text).toBe('Recommend us?\n0 — Not at all · 10 — Certainly');
    expect(message.quick_replies).toEqual([
      ...Array.from({ length: 11 }, (_, i) => ({ content_type: 'text', title: String(i), payload: `s:${i}` })),
      { content_type: 'text', title: "That's all", payload: 'c:end' },
    ]);
    expect(messengerOverflows(NPS)).toEqual([]);
  });

  it('titles short answers with their labels, and numbers every answer in the text when one is longer than 20 characters', () => {
    const short = renderPrompt({ kind: 'choice', questionCode: 'why', text: 'Why?', options: [{ code: 'slow', label: 'Slow' }, { code: 'rude', label: 'Rude' }], allowsText: true });
    expect(short).toEqual({ text: 'Why?', quick_replies: [{ content_type: 'text', title: 'Slow', payload: 'c:slow' }, { content_type: 'text', title: 'Rude', payload: 'c:rude' }] });
    const long: Prompt = { kind: 'choice', questionCode: 'why', text: 'Why?', options: [{ code: 'waiting', label: 'I waited too long in the queue' }, { code: 'rude', label: 'Rude' }], allowsText: true };
    expect(renderPrompt(long)).toEqual({
      text: 'Why?\n\n1. I waited too long in the queue\n2. Rude',
      quick_replies: [{ content_type: 'text', title: '1. I waited too lon…', payload: 'c:waiting' }, { content_type: 'text', title: '2. Rude', payload: 'c:rude' }],
    });
    expect(messengerOverflows(long)).toEqual([]);
  });

  it('offers the customer\'s own phone and e-mail for a contact, "No, thanks" beside them; a free text asks in words', () => {
    const contact = renderPrompt({ kind: 'contact', questionCode: 'contact', text: 'May we call?', consentText: 'Only for this case.', accepts: ['phone', 'email'], shareLabel: 'Share', declineLabel: 'No, thanks' });
    expect(contact).toEqual({
      text: 'May we call?\n\nOnly for this case.',
      quick_replies: [{ content_type: 'user_phone_number' }, { content_type: 'user_email' }, { content_type: 'text', title: 'No, thanks', payload: 'c:no' }],
    });
    // Without the dialogue's one-tap offer (a pool's raw question), no contact quick replies.
    expect(renderPrompt({ kind: 'contact', questionCode: 'contact', text: 'Phone?', consentText: 'Only.', accepts: ['phone'] })).toEqual({ text: 'Phone?\n\nOnly.' });
    expect(renderPrompt({ kind: 'free_text', questionCode: 'better', text: 'What could be better?' })).toEqual({ text: 'What could be better?' });
    expect(renderPrompt({ kind: 'free_text', questionCode: 'better', text: 'Better?', skipLabel: 'Skip' }).quick_replies).toEqual([{ content_type: 'text', title: 'Skip', payload: 'c:skip' }]);
  });

  it('names what Messenger would refuse or cut: the text over 2,000, more than 13 quick replies, a long "That\'s all"', () => {
    const options = Array.from({ length: 13 }, (_, i) => ({ code: `o${i}`, label: `Option ${i}` }));
    const crowded: Prompt = { kind: 'choice', questionCode: 'why', text: 'w'.repeat(2001), options, allowsText: false, endLabel: 'That is all, thank you' };
    expect(messengerOverflows(crowded)).toEqual([
      { part: 'characters', length: 2001, limit: 2000, unit: 'characters' },
      { part: 'characters on the quick reply "c:end"', length: 22, limit: 20, unit: 'characters' },
      { part: 'quick replies', length: 14, limit: 13, unit: 'buttons' },
    ]);
    // The numbered labels count in the text.
    const numbered: Prompt = { kind: 'choice', questionCode: 'why', text: 'w'.repeat(1950), options: [{ code: 'a', label: 'a'.repeat(60) }], allowsText: false };
    expect(messengerOverflows(numbered)).toEqual([{ part: 'characters', length: 1950 + 2 + 63, limit: 2000, unit: 'characters' }]);
  });

  it('still cuts what is sent to the limits, as the last resort, keeping "That\'s all"', () => {
    const options = Array.from({ length: 14 }, (_, i) => ({ code: `o${i}`, label: `Option ${i}` }));
    const message = renderPrompt({ kind: 'choice', questionCode: 'why', text: 'w'.repeat(2100), options, allowsText: false, endLabel: 'That is all, thank you' });
    expect(message.text).toHaveLength(2000);
    expect(message.quick_replies).toHaveLength(13);
    expect(message.quick_replies!.at(-1)).toEqual({ content_type: 'text', title: 'That is all, thank …', payload: 'c:end' });
  });
});
