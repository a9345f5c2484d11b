import type { CountryCode } from 'libphonenumber-js';
import { PHONE_REGIONS, phonesInDigits } from './masking-phones';

/** `+380671234567` -> `+380 ••• ••• 67`: enough to recognise, not enough to call. */
export function maskPhone(e164: string): string {
  if (e164.length < 6) return '•••';
  return `${e164.slice(0, 4)} ••• ••• ${e164.slice(-2)}`;
}

/** `olena.k@example.com` -> `o•••@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

// An e-mail inside other words: a quoted or plain local part, then a domain in any script
// (`іван@приклад.укр`, `user@müller.de`) or its punycode (`xn--…`).
const EMAIL_IN_TEXT = /(?:"[^"\r\n]{1,64}"|[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+)@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})(?![\p{L}\p{N}-])/giu;

// Dates and times are never contacts: they keep the digits next to them from joining a run.
const DATES_AND_TIMES = [
  /(?<![\d.\-/])(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?![\d\-/]|\.\d)/g,
  /(?<![\d.\-/])(?:0?[1-9]|[12]\d|3[01])([./])(?:0?[1-9]|1[0-2])\1(?:\d{4}|\d{2})(?![\d\-/]|\.\d)/g,
  /(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])/g,
];

// Digits with what people put between them (spaces, dashes, dots inside a number, parentheses), `+` or `(` before.
const DIGIT_RUN = /\+?\(?\d(?:(?:[ \u00a0\-()]|\.(?!\s)){0,3}\d)*/g;

// A run stays readable when it is a reference: after `#`, `№` or an order word, or a code
// after capital Latin letters and a hyphen (`ORD-123456789`). Only its first group is kept.
const REFERENCE_BEFORE = /(?:[#№]|(?<!\p{L})(?:order|замовлен|заказ|ттн|ttn|invoice)\p{L}*\.?)\s*[:#№]?\s*$/iu;
const CODE_BEFORE = /(?<![\p{L}\p{N}])[A-Z][A-Z0-9]*[-_/]$/u;

// Scores typed in a row (`9 10 8 7 9`): numbers 0-10 without a leading zero, apart.
const SCORES = /^(?:10|\d)(?:\s+(?:10|\d))+$/;

/** Fewer digits than this are never masked by the backstop (scores, amounts, short codes). */
const BACKSTOP_DIGITS = 9;

interface Span {
  start: number;
  end: number;
  mask: string;
}

/**
 * A customer's free text with the phones and e-mails in it masked, for what is kept of words
 * that were not asked to be a contact (a comment, a complaint): the contact step seals a
 * contact, this keeps one typed elsewhere from being stored in the clear.
 * Phones are found in runs of digits wherever they stand (glued to letters, two in a row),
 * read in `regions`' national forms (trunk prefixes included) or with their code. Backstop:
 * any other run of 9 or more digits is masked too, except references (see docs/security.md,
 * "Personal data") and dates, times and scores typed in a row.
 */
export function maskContactsIn(text: string, regions: readonly CountryCode[] = PHONE_REGIONS): string {
  const spans: Span[] = [];
  let hidden = text;
  const hide = (start: number, end: number) => (hidden = hidden.slice(0, start) + '\u0000'.repeat(end - start) + hidden.slice(end));
  for (const match of text.matchAll(EMAIL_IN_TEXT)) {
    spans.push({ start: match.index, end: match.index + match[0].length, mask: maskEmail(match[0]) });
    hide(match.index, match.index + match[0].length);
  }
  for (const pattern of DATES_AND_TIMES) for (const match of hidden.matchAll(pattern)) hide(match.index, match.index + match[0].length);
  for (const match of hidden.matchAll(DIGIT_RUN)) spans.push(...runSpans(text, match.index, match[0], regions));
  let masked = text;
  // From the end, so earlier offsets hold.
  for (const span of spans.sort((a, b) => b.start - a.start)) masked = masked.slice(0, span.start) + span.mask + masked.slice(span.end);
  return masked;
}

/** What to mask in one run of digits starting at `start` of `text`. */
function runSpans(text: string, start: number, run: string, regions: readonly CountryCode[]): Span[] {
  const before = text.slice(Math.max(0, start - 40), start);
  if (REFERENCE_BEFORE.test(before) || CODE_BEFORE.test(before)) {
    const gap = run.search(/\s/);
    if (gap < 0) return [];
    const rest = run.slice(gap).search(/\S/) + gap;
    return runSpans(text, start + rest, run.slice(rest), regions);
  }
  const digits = run.replace(/\D/g, '');
  const international = run.startsWith('+');
  if (digits.length < (international ? 7 : BACKSTOP_DIGITS)) return [];
  if (!international && SCORES.test(run)) return [];
  const phones = phonesInDigits(digits, international, regions);
  if (phones) return [{ start, end: start + run.length, mask: phones.map((p) => maskPhone(p.e164)).join(' ') }];
  return digits.length >= BACKSTOP_DIGITS ? [{ start, end: start + run.length, mask: `••• ••• ${digits.slice(-2)}` }] : [];
}
