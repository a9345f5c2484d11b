import type { DialogueState, DialogueTexts } from '@turbota/dialogue';
import type { CustomerTexts } from './dialogue-texts.provider';
import { withPointGreeting } from './point-greeting';

describe("a point's greeting", () => {
  const heard: DialogueState[] = [];
  const texts = {
    texts: { greeting: ['Thank you for visiting us.'], greetingWithName: ['Hi {name}!'], closing: ['Bye'] } as DialogueTexts,
    prepare: (s: DialogueState) => s,
    said: (after: DialogueState) => {
      heard.push(after);
      return new Map<string, string>();
    },
  } satisfies CustomerTexts;
  const greeting = { uk: 'Дякуємо, що завітали на Хрещатик!', en: 'Thank you for visiting us on Khreshchatyk!' };

  it('is said first, with or without the name, in the languages it has; the generic greeting it replaces is not remembered as heard', () => {
    const en = withPointGreeting(texts, greeting, 'en');
    expect(en.texts.greeting).toEqual([greeting.en]);
    expect(en.texts.greetingWithName).toEqual([greeting.en]);
    expect(en.texts.closing).toEqual(['Bye']);
    en.said({ step: { at: 'integral' }, lastVariants: { greeting: 0, greetingWithName: 0, closing: 1 } });
    expect(heard.pop()!.lastVariants).toEqual({ closing: 1 });
  });

  it('leaves the generic greeting to a language it lacks, and to a point without one', () => {
    expect(withPointGreeting(texts, greeting, 'ru')).toBe(texts);
    expect(withPointGreeting(texts, null, 'en')).toBe(texts);
    expect(withPointGreeting(texts, undefined, 'uk')).toBe(texts);
  });
});
