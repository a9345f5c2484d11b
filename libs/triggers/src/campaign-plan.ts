import type { RandomSource } from '@turbota/common';
import type { QuietHours } from '@turbota/surveys';

/**
 * Invitations a campaign sends per second at most, over all channels: well under the smallest
 * platform limit (Slack's 20 a second), leaving the rest of each platform's budget to the
 * dialogues the invitations start and to the post-contact surveys running meanwhile.
 */
export const CAMPAIGN_INVITATIONS_PER_SECOND = 2;
/** The longest window: the planner walks it minute by minute. */
export const MAX_CAMPAIGN_DAYS = 92;

const MINUTE_MS = 60_000;

/**
 * How many to draw: `size` as asked (at most everyone eligible), or `share` of the eligible
 * rounded to the nearest whole customer, halves up (a share of 0.25 of 10 is 3), and at least
 * one when anyone is eligible, since a campaign of no one measures nothing.
 */
export function sampleSize(request: { size: number } | { share: number }, eligible: number): number {
  if ('size' in request) return Math.min(request.size, eligible);
  if (eligible === 0) return 0;
  return Math.min(eligible, Math.max(1, Math.floor(request.share * eligible + 0.5)));
}

/**
 * A uniform random sample of `k` of the indices 0..n-1, in the random order drawn (a partial
 * Fisher-Yates shuffle): every subset of size k is equally likely.
 */
export function drawSample(n: number, k: number, random: RandomSource): number[] {
  const indices = new Uint32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  const drawn: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    [indices[i], indices[j]] = [indices[j], indices[i]];
    drawn.push(indices[i]);
  }
  return drawn;
}

/** Why invitations cannot be spread as asked. */
export class CampaignWindowError extends Error {}

/**
 * Planned send times for `count` invitations, evenly spaced over the minutes of the window
 * outside the policy's quiet hours, strictly increasing, never faster than
 * `CAMPAIGN_INVITATIONS_PER_SECOND`.
 */
export function spreadSendTimes(count: number, window: { start: Date; end: Date }, quietHours: QuietHours | null): Date[] {
  const open = openMinutes(window, quietHours);
  const capacity = open.length * 60 * CAMPAIGN_INVITATIONS_PER_SECOND;
  if (count > capacity) {
    throw new CampaignWindowError(
      `the window has ${open.length} minutes outside the quiet hours: room for ${capacity} invitations at ${CAMPAIGN_INVITATIONS_PER_SECOND} a second, not ${count}; widen it or draw fewer`,
    );
  }
  const step = open.length / count;
  return Array.from({ length: count }, (_, k) => {
    const position = k * step;
    const minute = Math.floor(position);
    return new Date(open[minute] + Math.floor((position - minute) * MINUTE_MS));
  });
}

/** The starts (epoch ms) of the whole minutes in the window outside the quiet hours. */
function openMinutes(window: { start: Date; end: Date }, quietHours: QuietHours | null): number[] {
  const quiet = quietHours ? quietTest(quietHours) : () => false;
  const minutes: number[] = [];
  const first = Math.ceil(window.start.getTime() / MINUTE_MS) * MINUTE_MS;
  for (let at = first; at + MINUTE_MS <= window.end.getTime(); at += MINUTE_MS) if (!quiet(at)) minutes.push(at);
  return minutes;
}

/** Whether a moment falls in the quiet hours, read on the wall clock of their time zone (as `nextSendingTime` reads it). */
function quietTest(quietHours: QuietHours): (at: number) => boolean {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: quietHours.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const [start, end] = [minutesOf(quietHours.start), minutesOf(quietHours.end)];
  return (at) => {
    const parts = format.formatToParts(at);
    const local = Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
    return start <= end ? local >= start && local < end : local >= start || local < end;
  };
}
