import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type PhoneResult = { ok: true; e164: string } | { ok: false };
export type EmailResult = { ok: true; email: string } | { ok: false };

/**
 * A phone number in E.164 (`+380671234567`), or not ok when it is not a valid number.
 * A number without a country code is read as one of `defaultCountry`.
 */
export function normalisePhone(raw: string, defaultCountry: CountryCode = 'UA'): PhoneResult {
  if (raw.length > 40 || !/^[\d\s()+.\-/]+$/.test(raw.trim())) return { ok: false };
  const phone = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return phone?.isValid() ? { ok: true, e164: phone.number } : { ok: false };
}

// Deliberately modest: one @, a dotted domain with a letter TLD, no spaces or quotes.
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63}$/i;

/** A syntactically valid e-mail with the domain in lower case, or not ok. */
export function normaliseEmail(raw: string): EmailResult {
  const email = raw.trim();
  if (email.length > 254 || !EMAIL.test(email)) return { ok: false };
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return { ok: false };
  return { ok: true, email: `${local}@${email.slice(at + 1).toLowerCase()}` };
}

/** A contact typed or shared by a customer: a phone or an e-mail, whichever it looks like. */
export function normaliseContact(raw: string, defaultCountry?: CountryCode): { phone: string } | { email: string } | undefined {
  if (raw.includes('@')) {
    const email = normaliseEmail(raw);
    return email.ok ? { email: email.email } : undefined;
  }
  const phone = normalisePhone(raw, defaultCountry);
  return phone.ok ? { phone: phone.e164 } : undefined;
}
