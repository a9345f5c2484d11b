import { readFileSync } from 'node:fs';
import { LOCALES, projectPath } from '@turbota/common';
import { isScaleQuestion, LIKERT_INSTRUCTION, LIKERT_POINTS, likertOptions, type Question } from '@turbota/surveys';
import { readSeedFiles } from './seed-files';

/**
 * First-person forms that fit only a man (a woman says "чекала", "згодна", "ждала",
 * "согласна"): a label the customer taps speaks for them, so it must fit anyone.
 */
const MASCULINE_ONLY = [
  // uk: past tense in -в after a vowel (чекав, хотів, отримав, звернувся), short adjectives.
  /(?<!\p{L})(?:чекав|прочекав|хотів|отримав|отримував|звернувся|дзвонив|зателефонував|мав|був|задоволений|незадоволений|згоден|незгоден|згідний|розчарований|впевнений|готовий)(?!\p{L})/iu,
  // ru
  /(?<!\p{L})(?:ждал|прождал|ждался|хотел|получил|обратился|звонил|позвонил|имел|был|доволен|недоволен|согласен|несогласен|разочарован|уверен|готов)(?!\p{L})/iu,
];

const json = (file: string): unknown => JSON.parse(readFileSync(projectPath(file), 'utf8'));

/** Every string in a JSON value, with where it is. */
function strings(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

/** The customer's own words among a pool's texts: option labels and scale end labels. */
function labelsOf(question: Question): unknown {
  if (question.type === 'single_choice') return question.options.map((o) => o.label);
  return isScaleQuestion(question) ? [question.lowLabel, question.highLabel] : [];
}

const gendered = (texts: [string, string][]) => texts.filter(([, text]) => MASCULINE_ONLY.some((form) => form.test(text)));

describe('the wording customers read', () => {
  const { pools } = readSeedFiles(projectPath('config'));

  it('finds the masculine-only forms it looks for', () => {
    const samples = ['Довго чекав', 'Повністю згоден', 'Скорее согласен', 'Долго ждал', 'Я був задоволений'];
    expect(gendered(samples.map((s) => ['sample', s]))).toHaveLength(samples.length);
    expect(gendered([['neutral', 'Довелося довго чекати'], ['neutral', 'Цілком погоджуюся'], ['neutral', 'Пришлось долго ждать'], ['neutral', 'Зв\'язатися з вами було зручно.']])).toEqual([]);
  });

  it('has no masculine-only first-person form in any option, scale or Likert label', () => {
    const labels = pools.flatMap((pool) => pool.questions.flatMap((q) => strings(labelsOf(q), `${pool.file}:${q.code}`)));
    const likert = LOCALES.flatMap((locale) => LIKERT_POINTS[locale].map((p): [string, string] => [`likert.${locale}`, p.label]));
    expect(labels.length).toBeGreaterThan(30);
    expect(gendered([...labels, ...likert])).toEqual([]);
  });

  it('has none in the questions, the dialogue, the reminders, the standard\'s phrases or the web chat', () => {
    const questions = pools.flatMap((pool) => strings(pool.questions.map((q) => q.text), pool.file));
    const standard = json('config/standard.json') as { events: Record<string, { actions: { phrases: unknown }[] }> };
    const phrases = Object.entries(standard.events).flatMap(([event, e]) => strings(e.actions.map((a) => a.phrases), `standard.${event}`));
    const texts = [
      ...questions,
      ...phrases,
      ...strings(json('config/dialogue-texts.json'), 'dialogue-texts'),
      ...strings(json('config/reminder-texts.json'), 'reminder-texts'),
      ...strings(json('apps/bot/web/chat/strings.json'), 'web chat'),
      ...strings(LIKERT_INSTRUCTION, 'likert instruction'),
    ];
    expect(gendered(texts)).toEqual([]);
  });
});

describe('the direction of every scale', () => {
  const { pools } = readSeedFiles(projectPath('config'));
  // The low end of a scale or the disagreeing end of the Likert: a negation or a "bad" word.
  const NEGATIVE = /(?<!\p{L})(?:не|ні|нет|not|dis\p{L}*|погано|плохо|зовсім|совсем|strongly disagree)(?!\p{L})/iu;

  it('runs every seeded scale from its negative end to its positive end', () => {
    const scales = pools.flatMap((pool) => pool.questions.filter(isScaleQuestion));
    expect(scales.map((q) => q.type).sort()).toEqual(['ces', 'csat', 'nps']);
    for (const q of scales) {
      for (const locale of LOCALES) {
        expect([q.code, locale, NEGATIVE.test(q.lowLabel![locale])]).toEqual([q.code, locale, true]);
        expect([q.code, locale, NEGATIVE.test(q.highLabel![locale])]).toEqual([q.code, locale, false]);
      }
    }
  });

  it('runs the Likert buttons from "strongly disagree" (1) to "strongly agree" (5), as the scales run', () => {
    for (const locale of LOCALES) {
      const options = likertOptions(locale);
      expect(options.map((o) => o.code)).toEqual(['1', '2', '3', '4', '5']);
      expect([locale, NEGATIVE.test(options[0].label), NEGATIVE.test(options[4].label)]).toEqual([locale, true, false]);
    }
    expect(likertOptions('en').map((o) => o.label)).toEqual(['Strongly disagree', 'Somewhat disagree', 'Hard to say', 'Somewhat agree', 'Strongly agree']);
  });
});
