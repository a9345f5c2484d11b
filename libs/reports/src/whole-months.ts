/** A period split into whole calendar months and the days at either end that are not. */
export interface MonthSplit {
  /** First days of the first and the last whole month, both included; absent when no month is whole. */
  months?: { from?: string; to?: string };
  /** The days before and after the whole months (YYYY-MM-DD, both ends included). */
  days: { from?: string; to?: string }[];
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayAfter = (day: string, days: number) => dayOf(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS);
/** The first day of the month `day` falls in (YYYY-MM-01). */
export const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
/** The first day of the month after the one `day` falls in. */
function nextMonth(day: string): string {
  const [year, month] = day.split('-').map(Number);
  return dayOf(Date.UTC(year, month, 1));
}

/**
 * Splits a period of whole UTC days (either end open) into the calendar months it covers
 * whole and the days at its ends, so a monthly rollup answers the months and a daily one the rest.
 */
export function splitIntoWholeMonths(from?: string, to?: string): MonthSplit {
  // The first day of the first whole month, and the first day after the last whole month.
  const start = from === undefined || from.endsWith('-01') ? from : nextMonth(from);
  const end = to === undefined ? undefined : dayAfter(to, 1) === nextMonth(to) ? nextMonth(to) : firstOfMonth(to);
  if (start !== undefined && end !== undefined && start >= end) return { days: [{ from, to }] };
  const days: MonthSplit['days'] = [];
  if (from !== undefined && start !== from) days.push({ from, to: dayAfter(start!, -1) });
  if (to !== undefined && end! <= to) days.push({ from: end, to });
  return { months: { from: start, to: end === undefined ? undefined : firstOfMonth(dayAfter(end, -1)) }, days };
}
