import { readFileSync } from 'node:fs';
import { type Locale, projectPath, seededRandom } from '@turbota/common';
import type { DialogueState, DialogueTexts } from '@turbota/dialogue';
import { readStandardFile } from '@turbota/standard';
import { spokenPicks, standardDialogueTexts, withoutStandardSlots } from './standard-dialogue-texts';

const BASE = JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<Locale, DialogueTexts>;
const STANDARD = readStandardFile(projectPath('config/standard.json'));
const phrases = (event: keyof typeof STANDARD.events, locale: Locale) => STANDARD.events[event].actions[0].phrases[locale];

describe('standardDialogueTexts', () => {
  it("says the standard's phrases for its events, one variant each, and leaves the rest of the texts alone", () => {
    const { texts, picks } = standardDialogueTexts(BASE.ru, STANDARD, { locale: 'ru', lastHeard: {}, random: seededRandom(1) });
    expect(texts.apology).toHaveLength(1);
    expect(phrases('detractor', 'ru')).toContain(texts.apology[0]);
    expect(phrases('passive', 'ru')).toContain(texts.passiveThanks[0]);
    expect(phrases('promoter', 'ru')).toContain(texts.promoterThanks[0]);
    expect(phrases('complaint_with_contacts', 'ru')).toContain(texts.contactThanks[0]);
    expect(phrases('complaint_without_contacts', 'ru')).toContain(texts.noContactThanks[0]);
    expect(picks.apology).toEqual({ key: 'detractor.apologise', variant: texts.apology[0] });
    expect(texts.closing).toEqual(BASE.ru.closing);
    expect(texts.consentQuestion).toBe(BASE.ru.consentQuestion);
  });

  it('never gives the variant the customer heard last', () => {
    const random = seededRandom(5);
    let lastHeard: Record<string, string> = {};
    for (let i = 0; i < 50; i++) {
      const { picks } = standardDialogueTexts(BASE.en, STANDARD, { locale: 'en', lastHeard, random });
      expect(picks.apology!.variant).not.toBe(lastHeard['detractor.apologise']);
      lastHeard = { 'detractor.apologise': picks.apology!.variant };
    }
  });

  it('greets a customer by name only with the variants that name them, and one without a name with the others', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { texts, picks } = standardDialogueTexts(BASE.uk, STANDARD, { locale: 'uk', lastHeard: {}, random: seededRandom(seed) });
      expect(texts.greetingWithName[0]).toContain('{name}');
      expect(texts.greeting[0]).not.toContain('{name}');
      expect(picks.greeting!.key).toBe('invitation.greet');
    }
  });

  it('keeps the file\'s phrase where the standard has no variant that fits', () => {
    const table = structuredClone(STANDARD);
    table.events.invitation.actions[0].phrases.en = ['Hello, {name}!', 'Hi, {name}!'];
    const { texts, picks } = standardDialogueTexts(BASE.en, table, { locale: 'en', lastHeard: {}, random: seededRandom(2) });
    expect(texts.greeting).toEqual(BASE.en.greeting);
    expect(picks.greeting).toBeUndefined();
    expect(['Hello, {name}!', 'Hi, {name}!']).toContain(texts.greetingWithName[0]);
  });
});

describe('which picks a step said', () => {
  it("are the standard's slots the step marked, after they were cleared from the state it stepped from", () => {
    const { picks } = standardDialogueTexts(BASE.en, STANDARD, { locale: 'en', lastHeard: {}, random: seededRandom(3) });
    const before: DialogueState = { step: { at: 'integral' }, lastVariants: { apology: 0, closing: 2 } };
    const cleared = withoutStandardSlots(before);
    expect(cleared.lastVariants).toEqual({ closing: 2 });
    expect(spokenPicks(picks, cleared)).toEqual([]);
    expect(spokenPicks(picks, { ...cleared, lastVariants: { ...cleared.lastVariants, apology: 0 } })).toEqual([picks.apology]);
  });
});
