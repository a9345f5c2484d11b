import type { QuietHours } from './survey-policy.schema';

/**
 * When an invitation may go out: `at` itself, or the end of the quiet hours it falls into
 * (a window may cross midnight, e.g. 21:00-09:00, and is read in its own time zone).
 */
export function nextSendingTime(at: Date, quiet: QuietHours | null): Date {
  if (!quiet) return at;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const now = localMinutes(at, quiet.timeZone);
  const inside = start <= end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return at;
  const wait = (end - now + 24 * 60) % (24 * 60);
  const candidate = new Date(Math.floor(at.getTime() / 60_000) * 60_000 + wait * 60_000);
  // Across a daylight-saving change the local clock jumps; land on the local end time exactly.
  const drift = minutesOf(quiet.end) - localMinutes(candidate, quiet.timeZone);
  return drift === 0 ? candidate : new Date(candidate.getTime() + normalise(drift) * 60_000);
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const value = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return value('hour') * 60 + value('minute');
}

/** A clock difference in minutes, taken the short way round midnight. */
function normalise(minutes: number): number {
  if (minutes > 12 * 60) return minutes - 24 * 60;
  return minutes < -12 * 60 ? minutes + 24 * 60 : minutes;
}
