import { z } from 'zod';

/**
 * The one rule for a point of service's code, wherever a code comes in (the points API, the
 * web chat, deep links): it travels in links, and Telegram's deep-link payload allows exactly these.
 */
export const POINT_CODE_PATTERN = '[A-Za-z0-9_-]{1,64}';

/** {@link POINT_CODE_PATTERN} as a whole string. */
export const POINT_CODE = new RegExp(`^${POINT_CODE_PATTERN}$`);

/** A point code as a field of a request. */
export const pointCodeSchema = z.string('must be a string').regex(POINT_CODE, 'must be 1-64 letters, digits, _ or - (it travels in links)');

/** Whether the value is shaped like a point code (registered or not). */
export function isPointCode(value: unknown): value is string {
  return typeof value === 'string' && POINT_CODE.test(value);
}
