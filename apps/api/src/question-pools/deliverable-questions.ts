import { type Locale, LOCALES } from '@turbota/common';
import { type Overflow, renderQuestion } from '@turbota/dialogue';
import { validationError } from '@turbota/server';
import { type FieldProblem, parseQuestions } from '@turbota/surveys';
import type { ChannelDeliverability } from '../../../bot/src/channels/channel-deliverability';

/**
 * Questions an enabled channel could not deliver, each in the pool's languages (those of
 * `locales` the question is complete in), as the channel's own renderer would send them
 * (Telegram: the text with its scale labels and the longest receipt). Malformed questions
 * and missing texts are left to the pool's own validation.
 */
export function undeliverableQuestions(questions: unknown, channels: ChannelDeliverability[], locales: readonly Locale[] = LOCALES): FieldProblem[] {
  const parsed = parseQuestions(questions, 'questions', []);
  if (!parsed.ok || channels.length === 0) return [];
  return parsed.value.flatMap((question, i) =>
    locales.filter((locale) => parseQuestions([question], 'questions', [locale]).ok).flatMap((locale) => {
      const prompt = renderQuestion(question, locale);
      const problems = channels.flatMap(({ title, check }) => check(prompt).map((o) => `Question "${question.code}" (${locale}): ${describe(o, title)}`));
      return problems.length ? [{ field: `questions[${i}].text.${locale}`, problems }] : [];
    }),
  );
}

/** Throws the API's 400 when a question cannot be delivered on an enabled channel. */
export function refuseUndeliverable(questions: unknown, channels: ChannelDeliverability[], locales?: readonly Locale[]): void {
  const problems = undeliverableQuestions(questions, channels, locales);
  if (problems.length) throw validationError(problems);
}

const figure = (n: number) => n.toLocaleString('en-US');

function describe(overflow: Overflow, title: string): string {
  return `${figure(overflow.length)} ${overflow.part}; ${title} allows ${figure(overflow.limit)}`;
}
