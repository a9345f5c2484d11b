import { readFileSync } from 'node:fs';
import { type Locale, projectPath } from '@turbota/common';
import type { DialogueTexts } from './dialogue-texts';
import { caseLine, expectedContact } from './expected-contact';

const TEXTS = JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<Locale, DialogueTexts>;
const KYIV = 'Europe/Kyiv';
// December: Kyiv is UTC+2.
const at = (local: string) => new Date(`${local}+02:00`);
const when = (now: string, deadline: string, locale: Locale) => expectedContact(at(deadline), at(now), KYIV, { locale, texts: TEXTS[locale] });

describe('when a complainant can expect contact, in working-day words', () => {
  it('the same day: today by the deadline, rounded up to the quarter hour', () => {
    expect(when('2026-12-02T10:00', '2026-12-02T12:00', 'en')).toBe('today by 12:00');
    expect(when('2026-12-02T10:00', '2026-12-02T12:07', 'uk')).toBe('сьогодні до 12:15');
    expect(when('2026-12-02T10:00', '2026-12-02T17:46', 'ru')).toBe('сегодня до 18:00');
  });

  it('the next day: tomorrow morning up to noon, else tomorrow by the time', () => {
    expect(when('2026-12-02T17:00', '2026-12-03T09:00', 'en')).toBe('tomorrow morning');
    expect(when('2026-12-02T17:00', '2026-12-03T09:00', 'uk')).toBe('завтра зранку');
    expect(when('2026-12-02T17:00', '2026-12-03T09:00', 'ru')).toBe('завтра утром');
    expect(when('2026-12-02T17:00', '2026-12-03T15:00', 'en')).toBe('tomorrow by 15:00');
  });

  it('later: within the working days (Monday to Friday) up to the deadline, in the plural the language needs', () => {
    // Monday to Thursday: Tuesday, Wednesday, Thursday.
    expect(when('2026-11-30T10:00', '2026-12-03T10:00', 'en')).toBe('within 3 working days');
    expect(when('2026-11-30T10:00', '2026-12-03T10:00', 'uk')).toBe('протягом 3 робочих днів');
    expect(when('2026-11-30T10:00', '2026-12-03T10:00', 'ru')).toBe('в течение 3 рабочих дней');
    // Friday to Monday: the weekend does not count.
    expect(when('2026-12-04T17:00', '2026-12-07T17:00', 'en')).toBe('within 1 working day');
    expect(when('2026-12-04T17:00', '2026-12-07T17:00', 'uk')).toBe('протягом 1 робочого дня');
    expect(when('2026-12-04T17:00', '2026-12-07T17:00', 'ru')).toBe('в течение 1 рабочего дня');
    // Monday to the next Monday: five working days.
    expect(when('2026-11-30T10:00', '2026-12-07T10:00', 'uk')).toBe('протягом 5 робочих днів');
  });

  it('a deadline already passed reads as today', () => {
    expect(when('2026-12-02T10:00', '2026-12-02T09:00', 'en')).toBe('today by 10:00');
  });

  it('says the case number as Slack shows it, with the time in the customer\'s zone', () => {
    const notice = { number: 42, contactBy: new Date('2026-12-02T10:00:00Z'), timeZone: KYIV };
    expect(caseLine(notice, new Date('2026-12-02T08:00:00Z'), { locale: 'en', texts: TEXTS.en })).toBe('Your case number is INC-42. We will contact you today by 12:00.');
    expect(caseLine(notice, new Date('2026-12-02T08:00:00Z'), { locale: 'uk', texts: TEXTS.uk })).toBe("Номер вашого звернення: INC-42. Ми зв'яжемося з вами сьогодні до 12:00.");
  });
});
