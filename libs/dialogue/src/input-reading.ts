import { isScaleQuestion, normaliseContact, SCALES, type Question } from '@turbota/surveys';
import type { DialogueTexts } from './dialogue-texts';
import type { DialogueInput } from './prompt';

/** A score for a scale question, tapped or typed, within the question's range. */
export function scoreOf(input: DialogueInput, question: Question): number | undefined {
  if (!isScaleQuestion(question)) return undefined;
  const [min, max] = SCALES[question.type];
  const value = numberOf(input);
  return value !== undefined && value >= min && value <= max ? value : undefined;
}

/** A Likert point 1..5 (5 = strongly agree), tapped or typed. */
export function likertOf(input: DialogueInput): number | undefined {
  const value = numberOf(input);
  return value !== undefined && value >= 1 && value <= 5 ? value : undefined;
}

/** A single-choice answer: one of the options, or the customer's own words. */
export function choiceOf(input: DialogueInput, question: Question): { choice: string } | { text: string } | undefined {
  if (question.type !== 'single_choice') return undefined;
  if (input.kind === 'choice' && question.options.some((o) => o.code === input.code)) return { choice: input.code };
  const text = textOf(input);
  return text ? { text } : undefined;
}

/** A phone (E.164) or e-mail, shared or typed; undefined when it is not a valid one. */
export function contactOf(input: DialogueInput): { phone: string } | { email: string } | undefined {
  const raw = input.kind === 'contact' ? (input.phone ?? input.email) : input.kind === 'text' ? input.text : undefined;
  return raw ? normaliseContact(raw) : undefined;
}

/** Yes or no, tapped or typed in the customer's language. */
export function yesNoOf(input: DialogueInput, texts: DialogueTexts): 'yes' | 'no' | undefined {
  if (input.kind === 'choice') return input.code === 'yes' || input.code === 'no' ? input.code : undefined;
  const said = textOf(input)?.toLowerCase();
  if (said === texts.yes.toLowerCase()) return 'yes';
  return said === texts.no.toLowerCase() ? 'no' : undefined;
}

/** Trimmed, bounded free text, or undefined when there is none. */
export function textOf(input: DialogueInput): string | undefined {
  if (input.kind !== 'text') return undefined;
  const text = input.text.trim();
  return text ? text.slice(0, MAX_TEXT) : undefined;
}

export const MAX_TEXT = 4000;

function numberOf(input: DialogueInput): number | undefined {
  if (input.kind === 'scale') return input.value;
  const raw = input.kind === 'choice' ? input.code : input.kind === 'text' ? input.text : undefined;
  return raw !== undefined && /^\s*\d{1,2}\s*$/.test(raw) ? Number(raw) : undefined;
}
