import { CUSTOMER_TEXT_LIMIT, type DialogueInput, type Prompt } from '@turbota/dialogue';
import { isPointCode, isSurveyLinkToken, POINT_CODE_PATTERN } from '@turbota/points';
import { CODE } from '@turbota/surveys';

/*
 * The text every channel shares with its customers: what a button sends back, the commands a
 * customer types, the line of labels under a scale, the receipt of an answered question.
 * Adapters and renderers draw and read these here, never with their own copy.
 */

/** A button's answer: a score or a choice, with the question's tag where the payload carries one. */
export type TappedAnswer = Extract<DialogueInput, { kind: 'scale' | 'choice' }>;

/** What a payload says: a button's answer, or `unknown` for anything no button of ours sends. */
export type DecodedAnswer = TappedAnswer | { kind: 'unknown' };

/** A question's tag (`questionTag`): two characters, digits and lower-case letters. */
const TAG = /^[0-9a-z]{2}$/;
/** A score as a button carries it: one or two ASCII digits, nothing else (no sign, exponent or space). */
const SCORE = /^\d{1,2}$/;
/** `s` or `c`, the optional tag, a colon, the rest. */
const PAYLOAD = /^([sc])([0-9a-z]{2})?:(.*)$/s;

/**
 * A button's payload: `s:<score>` for a scale, `c:<code>` for a choice; with the question's
 * tag, `s<tag>:<score>` and `c<tag>:<code>` (Telegram, so that a stale tap is refused).
 * Throws a `RangeError` for an answer no payload can carry, which only a renderer's bug makes:
 * every payload it returns decodes back to the same answer.
 */
export function encodeAnswer(answer: TappedAnswer): string {
  const tag = answer.asked ?? '';
  if (tag && !TAG.test(tag)) throw new RangeError(`A question's tag is two digits or lower-case letters, not "${tag}"`);
  switch (answer.kind) {
    case 'scale':
      if (!SCORE.test(String(answer.value))) throw new RangeError(`A button's score is a whole number 0-99, not ${answer.value}`);
      return `s${tag}:${answer.value}`;
    case 'choice':
      if (!CODE.test(answer.code)) throw new RangeError(`A button's choice is a pool code, not "${answer.code}"`);
      return `c${tag}:${answer.code}`;
  }
}

/** What a payload (a Telegram `callback_data`, a Viber reply, a Slack button value) answers; never throws. */
export function decodeAnswer(payload: unknown): DecodedAnswer {
  const parts = typeof payload === 'string' ? PAYLOAD.exec(payload) : null;
  if (!parts) return { kind: 'unknown' };
  const [, kind, tag, rest] = parts;
  const asked = tag ? { asked: tag } : {};
  if (kind === 's') return SCORE.test(rest) ? { kind: 'scale', value: Number(rest), ...asked } : { kind: 'unknown' };
  return CODE.test(rest) ? { kind: 'choice', code: rest, ...asked } : { kind: 'unknown' };
}

/** The commands a customer sends besides `/start`, as the dialogue knows them. */
export type CustomerCommand = Extract<DialogueInput, { kind: 'command' }>['command'];

// A record, so that a command the dialogue learns is a compile error here until it has a word.
const COMMAND_WORDS: Record<CustomerCommand, true> = { complain: true, stop: true };

/** Every command word besides `start`: `/complain`, `/stop`. */
export const CUSTOMER_COMMANDS = Object.keys(COMMAND_WORDS) as [CustomerCommand, ...CustomerCommand[]];

/**
 * A command a customer typed: `/start` with the point of service it names (`undefined`: none
 * named; `null`: something named that is no point code, to be counted and go no further) or
 * the personal survey link it carries (a deep link from an invitation), or one of
 * {@link CUSTOMER_COMMANDS}.
 */
export type ChannelCommand = { kind: 'start'; point?: string | null; surveyLink?: string } | Extract<DialogueInput, { kind: 'command' }>;

/** How a channel's customers type commands. */
export interface CommandStyle {
  /**
   * `start` is also read without its slash, alone or with a point code (Slack, whose client
   * takes every `/…` for a slash command of its own and never sends it).
   */
  bareStart?: boolean;
}

/** `/word`, an optional `@bot` mention (Telegram), then anything after a space. */
const SLASHED = /^\/([a-z]+)(?:@\w+)?(?:\s+(.*))?$/is;
const BARE_START = new RegExp(`^start(?:\\s+(${POINT_CODE_PATTERN}))?$`, 'i');

/**
 * The command in a customer's words, or undefined when they are words. The word is read in
 * any case (phones capitalise it); after `/complain` or `/stop` the rest is ignored, after
 * `/start` it is the point of service (a deep link's payload).
 */
export function commandOf(text: string, style: CommandStyle = {}): ChannelCommand | undefined {
  const words = text.trim();
  const slashed = SLASHED.exec(words);
  if (!slashed) {
    const bare = style.bareStart ? BARE_START.exec(words) : null;
    return bare ? { kind: 'start', point: bare[1] } : undefined;
  }
  const word = slashed[1].toLowerCase();
  if (word === 'start') {
    const given = slashed[2]?.trim() || undefined;
    if (isSurveyLinkToken(given)) return { kind: 'start', surveyLink: given };
    return { kind: 'start', point: given === undefined ? undefined : isPointCode(given) ? given : null };
  }
  return Object.hasOwn(COMMAND_WORDS, word) ? { kind: 'command', command: word as CustomerCommand } : undefined;
}

/** The words that start the survey, at a point or for a survey link when one is given: what a start button sends. */
export function startCommand(payload?: string): string {
  return payload ? `/start ${payload}` : '/start';
}

/** What a deep link's payload may carry into `/start`: a point's code or a survey link's token. */
export function isStartPayload(payload: unknown): payload is string {
  return isPointCode(payload) || isSurveyLinkToken(payload);
}

/** An input read from a customer's message, and the point of service or survey link a `/start` in it named (see {@link ChannelCommand}). */
export interface ReadInput {
  input: DialogueInput;
  pointOfService?: string | null;
  surveyLink?: string;
}

/** A customer's typed message as an input: a command, or the words themselves cut to `CUSTOMER_TEXT_LIMIT`. */
export function inputOfText(text: string, style?: CommandStyle): ReadInput {
  const command = commandOf(text, style);
  if (!command) return { input: { kind: 'text', text: text.slice(0, CUSTOMER_TEXT_LIMIT) } };
  if (command.kind === 'command') return { input: command };
  // The token goes beside the input, never in it: the input is kept, and a link is kept only hashed.
  if (command.surveyLink) return { input: { kind: 'start' }, surveyLink: command.surveyLink };
  return { input: { kind: 'start', payload: command.point ?? undefined }, pointOfService: command.point };
}

/**
 * The line under a scale's buttons that says what its ends mean, `0 — Not at all · 10 — Certainly`,
 * in the prompt's own language (its labels are already in the customer's); undefined when the
 * question has no labels.
 */
export function scaleLabelLine(prompt: Extract<Prompt, { kind: 'scale' }>): string | undefined {
  if (!prompt.lowLabel && !prompt.highLabel) return undefined;
  return `${prompt.min} — ${prompt.lowLabel ?? ''} · ${prompt.max} — ${prompt.highLabel ?? ''}`;
}

/** A scale's question with its label line under it, after `gap` (a blank line where a channel runs single lines together). */
export function scaleText(prompt: Extract<Prompt, { kind: 'scale' }>, gap = '\n'): string {
  const line = scaleLabelLine(prompt);
  return line === undefined ? prompt.text : `${prompt.text}${gap}${line}`;
}

/** What separates a receipt's question from the answer it shows. */
export const RECEIPT_MARK = '\n\n✓ ';

/** The answered question as its receipt shows it: the question, then the chosen answer. */
export function receiptText(question: string, answer: string): string {
  return `${question}${RECEIPT_MARK}${answer}`;
}
