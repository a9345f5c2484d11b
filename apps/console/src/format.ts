import type { Locale } from './i18n/i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const two = (n: number) => String(n).padStart(2, '0');

/** A span of time as a ticking clock: `1:05:09`, with days before it past a day (`2 d 1:05:09`). */
export function formatClock(ms: number, locale: Locale): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const clock = `${Math.floor((total % 86_400) / 3600)}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
  if (days === 0) return clock;
  return `${new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'narrow' }).format(days)} ${clock}`;
}

/** How long ago, in the largest whole unit that reads well: minutes, then hours, then days. */
export function formatAge(ms: number, locale: Locale): string {
  const [value, unit] = ms < HOUR ? [Math.max(0, Math.floor(ms / MINUTE)), 'minute'] : ms < 2 * DAY ? [Math.floor(ms / HOUR), 'hour'] : [Math.floor(ms / DAY), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/** A moment as a date and time in the reader's zone. */
export function formatMoment(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
