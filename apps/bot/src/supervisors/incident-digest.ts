import { incidentRef } from './incident-blocks';
import { type Block, clip, context, fields, literal, plain, section, type SlackMessage, slackDate } from './slack-text';

/** An incident as a digest lists it. */
export interface DigestedIncident {
  number: number;
  priority: string;
  reasonCode: string | null;
  pointOfService: string | null;
  channel: string;
  createdAt: Date;
  /** Still open with a passed deadline. */
  breached: boolean;
}

/** Why the incidents were held back: the anonymous rate that was passed. */
export interface DigestRate {
  perWindow: number;
  windowMinutes: number;
}

/** Incidents listed by number; the rest are counted. */
const LISTED = 60;
/** Reasons and points shown with their counts; the rest are counted. */
const TALLIED = 10;

/**
 * One message for the incidents from anonymous channels that came past the rate: how many,
 * their reasons and points with counts, and their numbers (each one opens with `/turbota <n>`
 * or in the API). Every value a customer could choose is shown literally.
 */
export function incidentDigest(incidents: DigestedIncident[], rate: DigestRate): SlackMessage {
  const sorted = [...incidents].sort((a, b) => a.number - b.number);
  const refs = sorted.slice(0, LISTED).map((i) => incidentRef(i));
  const more = sorted.length > LISTED ? ` and ${sorted.length - LISTED} more` : '';
  const high = sorted.filter((i) => i.priority === 'high').length;
  const breached = sorted.filter((i) => i.breached).length;
  const channels = [...new Set(sorted.map((i) => i.channel))];
  const span = sorted.length ? `${slackDate(minDate(sorted))} – ${slackDate(maxDate(sorted))}` : '—';
  const blocks: Block[] = [
    { type: 'header', text: plain(clip(`:inbox_tray: Digest · ${sorted.length} incident(s) from anonymous channels`, 150)) },
    section(
      `More than ${rate.perWindow} new incidents came from anonymous channels (${literal(channels.join(', '))}) within ${rate.windowMinutes} minutes, ` +
        'so these are gathered here rather than posted one by one. Each is stored and worked as usual: open one with `/turbota <number>` or in the API.',
    ),
    fields([
      `*Incidents*\n${sorted.length} (${high} high priority)`,
      `*Past their SLA*\n${breached}`,
      `*Created*\n${span}`,
      `*Reasons*\n${tally(sorted.map((i) => i.reasonCode))}`,
      `*Points of service*\n${tally(sorted.map((i) => i.pointOfService))}`,
    ]),
    section(`*Numbers*\n${refs.join(', ') || '—'}${more}`),
    context('Past the rate of new incidents from anonymous channels (ANONYMOUS_INCIDENTS_PER_WINDOW), they are gathered here; open one with /turbota <number>.'),
  ];
  const text = `Digest: ${sorted.length} incident(s) from anonymous channels (${refs.slice(0, 10).join(', ')}${sorted.length > 10 ? ', …' : ''})`;
  return { text: clip(text, 300), blocks };
}

/** `waiting ×12, rude ×3, +2 more`, most frequent first; a missing value is `—`. */
function tally(values: (string | null)[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value ?? '—', (counts.get(value ?? '—') ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = ranked.slice(0, TALLIED).map(([value, n]) => `${literal(clip(value, 100))} ×${n}`);
  const rest = ranked.length > TALLIED ? `, +${ranked.length - TALLIED} more` : '';
  return `${shown.join(', ') || '—'}${rest}`;
}

const minDate = (items: DigestedIncident[]) => new Date(Math.min(...items.map((i) => i.createdAt.getTime())));
const maxDate = (items: DigestedIncident[]) => new Date(Math.max(...items.map((i) => i.createdAt.getTime())));
