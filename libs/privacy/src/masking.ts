import { findPhoneNumbersInText } from 'libphonenumber-js';

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

// An e-mail inside other words: the address itself, from the first character a local part may hold.
const EMAIL_IN_TEXT = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,63}/gi;

/**
 * A customer's free text with the phones and e-mails in it masked, for what is kept of words
 * that were not asked to be a contact (a comment, a complaint): the contact step seals a
 * contact, this keeps one typed elsewhere from being stored in the clear. Phones are the
 * numbers valid in their country's plan (read as Ukrainian without a code), so order and
 * card-like numbers stay.
 */
export function maskContactsIn(text: string): string {
  const spans: { start: number; end: number; mask: string }[] = [];
  for (const found of findPhoneNumbersInText(text, 'UA')) spans.push({ start: found.startsAt, end: found.endsAt, mask: maskPhone(found.number.number) });
  for (const match of text.matchAll(EMAIL_IN_TEXT)) spans.push({ start: match.index, end: match.index + match[0].length, mask: maskEmail(match[0]) });
  let masked = text;
  // From the end, so earlier offsets hold; a span inside one already masked is skipped.
  let before = Infinity;
  for (const span of spans.sort((a, b) => b.start - a.start)) {
    if (span.end > before) continue;
    masked = masked.slice(0, span.start) + span.mask + masked.slice(span.end);
    before = span.start;
  }
  return masked;
}
