import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { normaliseEmail, normalisePhone } from './contacts';

/** A trimmed, non-empty string of at most `max` characters. */
export const textField = (max: number) => z.string('must be a string').trim().min(1, 'must not be empty').max(max, `takes at most ${max} characters`);

/** A contact attribute (agent, point of service, service type): optional text, null allowed. */
export const attributeField = textField(200).nullable().optional();

/** A channel name, lower-cased. */
export const channelField = z.string('must be a string').trim().toLowerCase().min(1, 'must not be empty').max(50, 'takes at most 50 characters');

export const localeField = z.enum(LOCALES, `must be one of ${LOCALES.join(', ')}`);

/** A phone number in any usual form, normalised to E.164. */
export const phoneField = z.string('must be a string').transform((raw, ctx) => {
  const phone = normalisePhone(raw);
  if (!phone.ok) ctx.addIssue({ code: 'custom', message: 'must be a phone number, e.g. +380671234567' });
  return phone.ok ? phone.e164 : z.NEVER;
});

/** An e-mail address, its domain in lower case. */
export const emailField = z.string('must be a string').transform((raw, ctx) => {
  const email = normaliseEmail(raw);
  if (!email.ok) ctx.addIssue({ code: 'custom', message: 'must be an e-mail address' });
  return email.ok ? email.email : z.NEVER;
});
