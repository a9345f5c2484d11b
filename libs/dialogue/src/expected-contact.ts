import type { Locale } from '@turbota/common';
import type { DialogueTexts } from './dialogue-texts';

/** An opened case as the customer hears of it: its number and by when they are contacted. */
export interface CaseNotice {
  /** The incident's short number (42 for INC-42, as Slack shows it). */
  number: number;
  /** The SLA's deadline to acknowledge: the supervisors take the case up, and call, by then. */
  contactBy: Date;
  /** The zone the customer's clock runs in (the point's, else the installation's). */
  timeZone: string;
}

/**
 * "Your case number is INC-42; we will contact you today by 18:00", in the customer's language.
 *
 * The rule, in the customer's time zone, from the deadline:
 * - on the same calendar day: "today by HH:MM" (the deadline rounded up to the quarter hour);
 * - on the next calendar day, by 12:00: "tomorrow morning"; later that day: "tomorrow by HH:MM";
 * - later: "within N working days", N counting Monday to Friday from tomorrow up to the deadline's day (at least 1).
 */
export function caseLine(notice: CaseNotice, now: Date, options: { locale: Locale; texts: DialogueTexts }): string {
  return options.texts.caseNumber.replace('{number}', `INC-${notice.number}`).replace('{when}', expectedContact(notice.contactBy, now, notice.timeZone, options));
}

/** When the customer can expect contact, in working-day words (the rule of {@link caseLine}). */
export function expectedContact(deadline: Date, now: Date, timeZone: string, options: { locale: Locale; texts: DialogueTexts }): string {
  const { texts, locale } = options;
  const by = localTime(new Date(Math.max(deadline.getTime(), now.getTime())), timeZone);
  const today = localTime(now, timeZone);
  const days = (by.day - today.day) / DAY_MS;
  const time = quarterUp(by.minutes);
  if (days === 0) return texts.contactToday.replace('{time}', time);
  if (days === 1) return by.minutes <= NOON ? texts.contactTomorrowMorning : texts.contactTomorrowBy.replace('{time}', time);
  let working = 0;
  for (let d = today.day + DAY_MS; d <= by.day; d += DAY_MS) if (isWorkingDay(d)) working += 1;
  const n = Math.max(1, working);
  const phrase = texts.contactWithinWorkingDays[new Intl.PluralRules(locale).select(n)] ?? texts.contactWithinWorkingDays.other;
  return phrase.replace('{days}', String(n));
}

const DAY_MS = 86_400_000;
const NOON = 12 * 60;

/** A moment as a local calendar day (its midnight as UTC milliseconds, for day arithmetic) and minutes since midnight. */
function localTime(at: Date, timeZone: string): { day: number; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { day: Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Monday to Friday. */
function isWorkingDay(day: number): boolean {
  const weekday = new Date(day).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** HH:MM rounded up to the quarter hour, never past 23:59. */
function quarterUp(minutes: number): string {
  const rounded = Math.min(Math.ceil(minutes / 15) * 15, 23 * 60 + 59);
  return `${String(Math.floor(rounded / 60)).padStart(2, '0')}:${String(rounded % 60).padStart(2, '0')}`;
}
