import { z } from 'zod';

/**
 * The one rule for a point of service's code, wherever a code comes in (the points API, the
 * web chat, deep links): it travels in links, and Telegram's deep-link payload allows exactly these.
 */
export const POINT_CODE_PATTERN = '[A-Za-z0-9_-]{1,64}';

/** {@link POINT_CODE_PATTERN} as a whole string. */
export const POINT_CODE = new RegExp(`^${POINT_CODE_PATTERN}$`);

/**
 * A personal survey link's token (`sv_` and 18 random bytes, 144 bits; short, for a text
 * message), the other thing a deep link carries: a point's code never has its shape, so a
 * deep link's payload is read one way only.
 */
export const SURVEY_LINK_TOKEN = /^sv_[A-Za-z0-9_-]{24}$/;

/** Whether a text is shaped like a survey link's token. */
export function isSurveyLinkToken(value: unknown): value is string {
  return typeof value === 'string' && SURVEY_LINK_TOKEN.test(value);
}

/** A point code as a field of a request. */
export const pointCodeSchema = z
  .string('must be a string')
  .regex(POINT_CODE, 'must be 1-64 letters, digits, _ or - (it travels in links)')
  .refine((code) => !isSurveyLinkToken(code), 'must not be shaped like a survey link (sv_ and 24 characters), which deep links carry too');

/** Whether the value is shaped like a point code (registered or not). */
export function isPointCode(value: unknown): value is string {
  return typeof value === 'string' && POINT_CODE.test(value) && !isSurveyLinkToken(value);
}
