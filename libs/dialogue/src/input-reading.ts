import type { Locale } from '@turbota/common';
import { isScaleQuestion, likertScoreOfLabel, normaliseContact, SCALES, type Question } from '@turbota/surveys';
import { CUSTOMER_TEXT_LIMIT } from './channel-limits';
import type { DialogueTexts } from './dialogue-texts';
import { type DialogueInput, END_CODE } from './prompt';

/** A score for a scale question, tapped or typed, within the question's range. */
export function scoreOf(input: DialogueInput, question: Question): number | undefined {
  if (!isScaleQuestion(question)) return undefined;
  const [min, max] = SCALES[question.type];
  const value = numberOf(input);
  return value !== undefined && value >= min && value <= max ? value : undefined;
}

/** A Likert point 1..5 (5 = strongly agree), tapped, typed, or its label sent back (a suggested action); never a scale's tap. */
export function likertOf(input: DialogueInput, locale: Locale): number | undefined {
  if (input.kind === 'scale') return undefined;
  const label = textOf(input);
  const value = (label === undefined ? undefined : likertScoreOfLabel(label, locale)) ?? numberOf(input);
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

/** Whether the customer declined to leave a contact: the "No, thanks" button (choice `no`), or its label or "no" typed. */
export function isDecline(input: DialogueInput, texts: DialogueTexts): boolean {
  if (input.kind === 'choice') return input.code === 'no';
  const said = sameText(textOf(input));
  return said === texts.noThanks.toLowerCase() || said === texts.no.toLowerCase();
}

/** Whether the customer tapped "That's all" (or typed its label). */
export function isEnd(input: DialogueInput, texts: DialogueTexts): boolean {
  return (input.kind === 'choice' && input.code === END_CODE) || sameText(textOf(input)) === texts.thatsAll.toLowerCase();
}

// "Call me", "ring me back", "передзвоніть", "зателефонуйте", "перезвоните", "позвоните", "наберите"…
const CALL_ME = /\b(?:call|ring|phone)\s+(?:me|us|back)\b|(?:^|[^\p{L}])(?:пере?дзвон|перезвон|зателефон|подзвон|позвон|набер)\p{L}*/iu;
const PHONE_IN_WORDS = /\+?\d[\d\s()./-]{7,18}\d/g;
const EMAIL_IN_WORDS = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[\p{L}]{2,63}/gu;

/**
 * The contact in words that ask to be called back ("call me 0671234567", "передзвоніть мені
 * 067…"): the first valid phone or e-mail in them, or undefined when the words ask for no call
 * or carry no valid contact. Read from the words before they are masked.
 */
export function callMeOf(text: string): { phone: string } | { email: string } | undefined {
  if (!CALL_ME.test(text)) return undefined;
  for (const candidate of [...(text.match(PHONE_IN_WORDS) ?? []), ...(text.match(EMAIL_IN_WORDS) ?? [])]) {
    const contact = normaliseContact(candidate);
    if (contact) return contact;
  }
  return undefined;
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
  return text ? text.slice(0, CUSTOMER_TEXT_LIMIT) : undefined;
}


/** Text compared with a label: case and surrounding spaces do not matter. */
function sameText(text: string | undefined): string | undefined {
  return text?.trim().toLowerCase();
}

function numberOf(input: DialogueInput): number | undefined {
  if (input.kind === 'scale') return input.value;
  const raw = input.kind === 'choice' ? input.code : input.kind === 'text' ? input.text : undefined;
  return raw !== undefined && /^\s*\d{1,2}\s*$/.test(raw) ? Number(raw) : undefined;
}
