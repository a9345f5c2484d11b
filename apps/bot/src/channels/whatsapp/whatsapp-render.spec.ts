import type { Prompt } from '@turbota/dialogue';
import { renderPrompt, whatsappOverflows } from './whatsapp-render';

const WORDS = { chooseButton: 'Choose', typeScore: 'Type a number from {min} to {max}.' };
const BARE_NPS: Prompt = { kind: 'scale', questionCode: 'nps', text: 'Recommend us?', min: 0, max: 10, lowLabel: 'Not at all', highLabel: 'Certainly' };
const NPS: Prompt = { ...BARE_NPS, endLabel: "That's all" };
const button = (id: string, title: string) => ({ type: 'reply', reply: { id, title } });

describe('prompts as WhatsApp messages', () => {
  it('asks an 11-point scale in words, with its label line and a hint to type the score, "That\'s all" as a button', () => {
    expect(renderPrompt(NPS, WORDS)).toEqual({
      type: 'interactive',
      interactive: { type: 'button', body: { text: 'Recommend us?\n0 — Not at all · 10 — Certainly\n\nType a number from 0 to 10.' }, action: { buttons: [button('c:end', "That's all")] } },
    });
    expect(renderPrompt(BARE_NPS, WORDS)).toEqual({ type: 'text', text: { body: 'Recommend us?\n0 — Not at all · 10 — Certainly\n\nType a number from 0 to 10.' } });
    expect(whatsappOverflows(NPS)).toEqual([]);
  });

  it('lists a 7-point scale behind the "Choose" button, the end labels under the first and last points', () => {
    const ces: Prompt = { kind: 'scale', questionCode: 'ces', text: 'How easy?', min: 1, max: 7, lowLabel: 'Very hard', highLabel: 'Very easy', endLabel: "That's all" };
    const message = renderPrompt(ces, { ...WORDS, chooseButton: 'Обрати' });
    expect(message).toMatchObject({ type: 'interactive', interactive: { type: 'list', body: { text: 'How easy?\n1 — Very hard · 7 — Very easy' }, action: { button: 'Обрати' } } });
    const rows = (message as { interactive: { action: { sections: { rows: object[] }[] } } }).interactive.action.sections[0].rows;
    expect(rows).toEqual([
      { id: 's:1', title: '1', description: 'Very hard' },
      ...[2, 3, 4, 5, 6].map((n) => ({ id: `s:${n}`, title: String(n) })),
      { id: 's:7', title: '7', description: 'Very easy' },
      { id: 'c:end', title: "That's all" },
    ]);
  });

  it('offers up to three answers as reply buttons, numbering every answer in the text when one is longer than a title', () => {
    const short: Prompt = { kind: 'choice', questionCode: 'why', text: 'Why?', options: [{ code: 'slow', label: 'Slow' }, { code: 'rude', label: 'Rude' }], allowsText: true, endLabel: "That's all" };
    expect(renderPrompt(short, WORDS)).toEqual({
      type: 'interactive',
      interactive: { type: 'button', body: { text: 'Why?' }, action: { buttons: [button('c:slow', 'Slow'), button('c:rude', 'Rude'), button('c:end', "That's all")] } },
    });
    const long: Prompt = { ...short, options: [{ code: 'waiting', label: 'I waited too long in the queue' }, { code: 'rude', label: 'Rude' }] };
    expect(renderPrompt(long, WORDS)).toMatchObject({
      interactive: { body: { text: 'Why?\n\n1. I waited too long in the queue\n2. Rude' }, action: { buttons: [button('c:waiting', '1. I waited too lon…'), button('c:rude', '2. Rude'), button('c:end', "That's all")] } },
    });
    expect(whatsappOverflows(long)).toEqual([]);
  });

  it('lists four to ten answers, with titles up to 24 characters', () => {
    const options = ['Waiting time', 'Staff politeness', 'Price of the service', 'Other'].map((label, i) => ({ code: `o${i}`, label }));
    const message = renderPrompt({ kind: 'choice', questionCode: 'why', text: 'What mattered?', options, allowsText: true }, WORDS);
    expect(message).toMatchObject({ interactive: { type: 'list', body: { text: 'What mattered?' }, action: { button: 'Choose', sections: [{ rows: options.map((o) => ({ id: `c:${o.code}`, title: o.label })) }] } } });
  });

  it("offers to share the number the customer writes from for a contact, with \"No, thanks\"; a free text's skip is a button", () => {
    const contact: Prompt = { kind: 'contact', questionCode: 'contact', text: 'May we call?', consentText: 'Only for this case.', accepts: ['phone', 'email'], shareLabel: 'Share my phone number', declineLabel: 'No, thanks' };
    expect(renderPrompt(contact, WORDS)).toEqual({
      type: 'interactive',
      interactive: { type: 'button', body: { text: 'May we call?\n\nOnly for this case.' }, action: { buttons: [button('share-phone', 'Share my phone numb…'), button('c:no', 'No, thanks')] } },
    });
    expect(whatsappOverflows(contact)).toEqual([{ part: 'characters on the button "share-phone"', length: 21, limit: 20, unit: 'characters' }]);
    expect(renderPrompt({ kind: 'contact', questionCode: 'contact', text: 'E-mail?', consentText: 'Only.', accepts: ['email'], shareLabel: 'Share' }, WORDS)).toEqual({ type: 'text', text: { body: 'E-mail?\n\nOnly.' } });
    expect(renderPrompt({ kind: 'free_text', questionCode: 'better', text: 'Better?', skipLabel: 'Skip' }, WORDS)).toMatchObject({ interactive: { action: { buttons: [button('c:skip', 'Skip')] } } });
  });

  it('names what WhatsApp would refuse, and still cuts what is sent to its limits, keeping "That\'s all"', () => {
    const options = Array.from({ length: 11 }, (_, i) => ({ code: `o${i}`, label: `Option ${i}` }));
    const crowded: Prompt = { kind: 'choice', questionCode: 'why', text: 'w'.repeat(1100), options, allowsText: false, endLabel: 'That is all, thank you very much' };
    expect(whatsappOverflows(crowded)).toEqual([
      { part: 'characters', length: 1100, limit: 1024, unit: 'characters' },
      { part: 'characters on the list row "c:end"', length: 32, limit: 24, unit: 'characters' },
      { part: 'list rows', length: 12, limit: 10, unit: 'buttons' },
    ]);
    const sent = renderPrompt(crowded, WORDS) as { interactive: { body: { text: string }; action: { sections: { rows: { id: string; title: string }[] }[] } } };
    expect(sent.interactive.body.text).toHaveLength(1024);
    expect(sent.interactive.action.sections[0].rows).toHaveLength(10);
    expect(sent.interactive.action.sections[0].rows.at(-1)).toEqual({ id: 'c:end', title: 'That is all, thank you …' });
    expect(whatsappOverflows({ kind: 'text', text: 'x'.repeat(4097) })).toEqual([{ part: 'characters', length: 4097, limit: 4096, unit: 'characters' }]);
  });
});
