import { parsePoolLocales, parseQuestions } from './question-pool.schema';
import { sampleQuestions } from './testing/sample-questions';

describe('parseQuestions', () => {
  it('accepts a complete pool as it is', () => {
    expect(parseQuestions(sampleQuestions())).toEqual({ ok: true, value: sampleQuestions() });
  });

  it('refuses a missing translation, naming the question and the locale', () => {
    const questions = sampleQuestions();
    questions[0].text = { uk: 'Порекомендуєте нас?', ru: '', en: 'Would you recommend us?' };
    expect(parseQuestions(questions)).toEqual({
      ok: false,
      errors: [{ field: 'questions[0].text.ru', problems: ['Question "nps" has no text in ru'] }],
    });
  });

  it('checks option labels and the consent text in every language too', () => {
    const questions = sampleQuestions() as unknown as Record<string, unknown>[];
    (questions[3].options as { label: Record<string, string> }[])[1].label = { uk: 'Не вирішено', ru: 'Не решено' };
    (questions[5].consentText as Record<string, string>).uk = ' ';
    const result = parseQuestions(questions);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.flatMap((e) => e.problems)).toEqual([
      'Question "reason" has no option "unsolved" label in en',
      'Question "contact" has no consent text in uk',
    ]);
  });

  it("refuses an option coded like the dialogue's own buttons (yes, no, skip, end), naming it", () => {
    const questions = sampleQuestions() as unknown as Record<string, unknown>[];
    const options = structuredClone(questions[3].options) as { code: string }[];
    options[1].code = 'no';
    const result = parseQuestions([questions[0], { ...questions[3], options }]);
    expect(!result.ok && result.errors).toEqual([
      { field: 'questions[1].options[1].code', problems: ['"no" is the code of the dialogue\'s own buttons (yes, no, skip, end); choose another'] },
    ]);
  });

  it('refuses duplicate codes, unknown types, unknown fields and a one-option choice', () => {
    const questions = sampleQuestions() as unknown as Record<string, unknown>[];
    const duplicate = parseQuestions([...questions, questions[6]]);
    expect(!duplicate.ok && duplicate.errors).toEqual([{ field: 'questions[9].code', problems: ['Question code "understood" is used twice'] }]);

    const unknownType = parseQuestions([{ ...questions[0], type: 'stars' }]);
    expect(!unknownType.ok && unknownType.errors[0].field).toBe('questions[0].type');

    const extra = parseQuestions([{ ...questions[0], colour: 'red' }]);
    expect(!extra.ok && extra.errors[0].field).toBe('questions[0]');

    const oneOption = parseQuestions([{ ...questions[3], options: [(questions[3].options as unknown[])[0]] }]);
    expect(!oneOption.ok && oneOption.errors).toEqual([{ field: 'questions[0].options', problems: ['needs at least two options'] }]);
  });

  it('refuses a Likert statement without a factor and a contact question accepting nothing', () => {
    const questions = sampleQuestions() as unknown as Record<string, unknown>[];
    const likert = { ...questions[6] };
    delete likert.factor;
    expect(parseQuestions([likert])).toMatchObject({ ok: false, errors: [{ field: 'questions[0].factor' }] });
    const contact = parseQuestions([{ ...questions[5], accepts: [] }]);
    expect(!contact.ok && contact.errors[0].problems).toEqual(['must accept phone, email or both']);
  });

  it('refuses what is not a list of questions', () => {
    expect(parseQuestions({})).toMatchObject({ ok: false, errors: [{ field: 'questions' }] });
    expect(parseQuestions([])).toEqual({ ok: false, errors: [{ field: 'questions', problems: ['a pool needs at least one question'] }] });
  });
});

describe('a pool in fewer languages', () => {
  const english = (text: string) => ({ en: text });
  const englishOnly = [
    { code: 'nps', type: 'nps', text: english('Would you recommend us?'), lowLabel: english('Not at all'), highLabel: { en: 'Certainly', uk: 'Звісно' } },
    { code: 'why', type: 'single_choice', text: english('What went wrong?'), options: [{ code: 'slow', label: english('Slow') }, { code: 'rude', label: english('Rude') }] },
  ];

  it('needs texts only in the languages it declares, and keeps the others it is given', () => {
    expect(parseQuestions(englishOnly, 'questions', ['en'])).toEqual({ ok: true, value: englishOnly });
    const both = parseQuestions(englishOnly, 'questions', ['en', 'uk']);
    expect(!both.ok && both.errors.map((e) => e.field)).toEqual([
      'questions[0].text.uk',
      'questions[0].lowLabel.uk',
      'questions[1].text.uk',
      'questions[1].options[0].label.uk',
      'questions[1].options[1].label.uk',
    ]);
  });

  it('takes the installation languages when none are declared, and refuses one it does not speak, naming it', () => {
    expect(parsePoolLocales(undefined, ['uk', 'ru', 'en'])).toEqual({ ok: true, value: ['uk', 'ru', 'en'] });
    expect(parsePoolLocales(['en', 'uk'], ['uk', 'ru', 'en'])).toEqual({ ok: true, value: ['en', 'uk'] });
    expect(parsePoolLocales(['uk'], ['en'])).toEqual({ ok: false, errors: [{ field: 'locales[0]', problems: ['uk is not spoken here (SUPPORTED_LOCALES is en)'] }] });
    expect(parsePoolLocales(['en', 'de', 'en'], ['en'])).toEqual({
      ok: false,
      errors: [
        { field: 'locales[1]', problems: ['must be one of en, got "de"'] },
        { field: 'locales[2]', problems: ['en is named twice'] },
      ],
    });
    expect(parsePoolLocales([], ['en'])).toMatchObject({ ok: false, errors: [{ field: 'locales' }] });
  });
});
