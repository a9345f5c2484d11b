import type { Locale } from '@turbota/common';
import { isScaleQuestion, LIKERT_LABELS, normaliseContact, SCALES, type Question } from '@turbota/surveys';
import type { DialogueTexts } from './dialogue-texts';
import type { DialogueInput } from './prompt';

/** A score for a scale question, tapped or typed, within the question's range. */
export function scoreOf(input: DialogueInput, question: Question): number | undefined {
  if (!isScaleQuestion(question)) return undefined;
  const [min, max] = SCALES[question.type];
  const value = numberOf(input);
  return value !== undefined && value >= min && value <= max ? value : undefined;
}

/** A Likert point 1..5 (5 = strongly agree), tapped, typed, or its label sent back (a suggested action). */
export function likertOf(input: DialogueInput, locale: Locale): number | undefined {
  const label = sameText(textOf(input));
  const byLabel = label === undefined ? -1 : LIKERT_LABELS[locale].findIndex((l) => l.toLowerCase() === label);
  const value = byLabel >= 0 ? 5 - byLabel : numberOf(input);
  return value !== undefined && value >= 1 && value <= 5 ? value : undefined;
}

/**
 * A single-choice answer: one of the options (tapped, or its label sent back as text, as
 * channels with suggested actions do), or else the customer's own words.
 */
export function choiceOf(input: DialogueInput, question: Question, locale: Locale): { choice: string } | { text: string } | undefined {
  if (question.type !== 'single_choice') return undefined;
  if (input.kind === 'choice' && question.options.some((o) => o.code === input.code)) return { choice: input.code };
  const text = textOf(input);
  const byLabel = question.options.find((o) => o.label[locale].toLowerCase() === sameText(text));
  if (byLabel) return { choice: byLabel.code };
  return text ? { text } : undefined;
}

/** Whether the customer passed over a free-text question: the skip button, or its label sent back. */
export function isSkip(input: DialogueInput, texts: DialogueTexts): boolean {
  return (input.kind === 'choice' && input.code === 'skip') || sameText(textOf(input)) === texts.skip.toLowerCase();
}

/** A phone (E.164) or e-mail, shared or typed; undefined when it is not a valid one. */
export function contactOf(input: DialogueInput): { phone: string } | { email: string } | undefined {
  const raw = input.kind === 'contact' ? (input.phone ?? input.email) : input.kind === 'text' ? input.text : undefined;
  return raw ? normaliseContact(raw) : undefined;
}

/** Yes or no, tapped or typed in the customer's language. */
export function yesNoOf(input: DialogueInput, texts: DialogueTexts): 'yes' | 'no' | undefined {
  if (input.kind === 'choice') return input.code === 'yes' || input.code === 'no' ? input.code : undefined;
  const said = sameText(textOf(input));
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

/** Text compared with a label: case and surrounding spaces do not matter. */
function sameText(text: string | undefined): string | undefined {
  return text?.trim().toLowerCase();
}

function numberOf(input: DialogueInput): number | undefined {
  if (input.kind === 'scale') return input.value;
  const raw = input.kind === 'choice' ? input.code : input.kind === 'text' ? input.text : undefined;
  return raw !== undefined && /^\s*\d{1,2}\s*$/.test(raw) ? Number(raw) : undefined;
}
