import { LOCALES } from '@turbota/common';
import { LIKERT_LABELS, likertOptions, likertScoreOfLabel, likertText } from './likert';

describe('the Likert scale', () => {
  it('draws its buttons disagree first, each code its score', () => {
    expect(likertOptions('uk')).toEqual([
      { code: '1', label: 'Зовсім не погоджуюся' },
      { code: '2', label: 'Скоріше не погоджуюся' },
      { code: '3', label: 'Важко сказати' },
      { code: '4', label: 'Скоріше погоджуюся' },
      { code: '5', label: 'Цілком погоджуюся' },
    ]);
    expect(likertOptions('ru').map((o) => o.label)).toEqual(['Совсем не так', 'Скорее не так', 'Трудно сказать', 'Скорее так', 'Полностью так']);
  });

  it('reads a label sent back as its score, in the current wording and in the earlier one', () => {
    for (const locale of LOCALES) for (const { code, label } of likertOptions(locale)) expect(likertScoreOfLabel(` ${label.toUpperCase()} `, locale)).toBe(Number(code));
    expect(likertScoreOfLabel('Rather agree', 'en')).toBe(4);
    expect(likertScoreOfLabel('Повністю згоден', 'uk')).toBe(5);
    expect(likertScoreOfLabel('Совсем не согласен', 'ru')).toBe(1);
    expect(likertScoreOfLabel('Maybe', 'en')).toBeUndefined();
  });

  it('asks a statement with an instruction', () => {
    expect(likertText('You did exactly what you promised.', 'en')).toBe('How far do you agree with this statement?\nYou did exactly what you promised.');
  });

  it('keeps the best-first list the engine reads, with the same scores', () => {
    for (const locale of LOCALES) {
      LIKERT_LABELS[locale].forEach((label, i) => expect(likertScoreOfLabel(label, locale)).toBe(5 - i));
    }
  });
});
