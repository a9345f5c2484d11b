import type { SupervisorNoticesConfig } from '@turbota/config';
import type { NoticeOptions } from './incident-journal';

/** What decides how a new incident reaches the supervisors: anonymous channels and their rate. */
export type AnnouncementRule = Pick<SupervisorNoticesConfig, 'anonymousChannels' | 'anonymousIncidentsPerWindow' | 'anonymousWindowMinutes' | 'digestEveryMinutes'>;

const MINUTE_MS = 60_000;

/** Whether anyone could have been the incident's customer (no platform vouches for who they are). */
export function isAnonymousChannel(channel: string, rule: AnnouncementRule): boolean {
  return rule.anonymousChannels.includes(channel);
}

/** Where the window of the anonymous rate starts for an incident made at `now`. */
export function rateWindowStart(now: Date, rule: AnnouncementRule): Date {
  return new Date(now.getTime() - rule.anonymousWindowMinutes * MINUTE_MS);
}

/**
 * The end of the digest period that holds `now`: periods are aligned on the clock, so every
 * incident held back within one period waits for the same digest.
 */
export function digestDueAt(now: Date, everyMinutes: number): Date {
  const period = everyMinutes * MINUTE_MS;
  return new Date(Math.floor(now.getTime() / period) * period + period);
}

/**
 * The notice of a new incident: its own message, or a place in the next digest once the
 * incidents from anonymous channels in the window (`earlier`, this one not counted) reach the rate.
 */
export function announcementOf(incident: { channel: string }, earlier: number, rule: AnnouncementRule, now: Date): NoticeOptions {
  if (!isAnonymousChannel(incident.channel, rule) || earlier < rule.anonymousIncidentsPerWindow) return { kind: 'incident_changed' };
  return { kind: 'incident_digest', dueAt: digestDueAt(now, rule.digestEveryMinutes) };
}
