import type { ProblemDetail, ProblemHistoryEntry, ProblemView } from '@turbota/incidents';
import { actorLabel, incidentRef } from './incident-blocks';
import { type Block, clip, context, fields, literal, plain, section, type SlackMessage, slackDate } from './slack-text';

const DIMENSION_LABEL: Record<ProblemView['dimension'], string> = {
  point_of_service: 'Point of service',
  agent: 'Agent',
  service_type: 'Service type',
};

const VERB: Record<ProblemHistoryEntry['action'], string> = {
  detect: 'detected the problem',
  link: 'linked an incident',
  investigate: 'started the investigation',
  fix: 'marked it fixed',
  reopen: 'reopened it',
};

/** Linked incidents shown by number; the rest are counted. */
const LISTED_INCIDENTS = 20;

/** `PRB-7`. */
export const problemRef = (problem: Pick<ProblemView, 'number'>) => `PRB-${problem.number}`;

/** The announcement of a problem (repeated incidents): reason, where it repeats, how often, which incidents. */
export function problemMessage(problem: ProblemDetail): SlackMessage {
  const dimension = DIMENSION_LABEL[problem.dimension] ?? problem.dimension;
  const listed = problem.incidents.slice(0, LISTED_INCIDENTS).map((i) => `${incidentRef(i)} (${i.status.replace('_', ' ')})`);
  const more = problem.incidents.length > LISTED_INCIDENTS ? ` and ${problem.incidents.length - LISTED_INCIDENTS} more` : '';
  const blocks: Block[] = [
    { type: 'header', text: plain(clip(`:repeat: ${problemRef(problem)} · repeated complaints`, 150)) },
    fields([
      `*Status*\n${problem.status}`,
      `*Reason*\n${literal(problem.reasonCode)}`,
      `*${dimension}*\n${literal(problem.value)}`,
      `*Incidents*\n${problem.incidentCount} (window ${problem.windowDays} days)`,
      `*First seen*\n${slackDate(problem.firstSeenAt)}`,
      `*Last seen*\n${slackDate(problem.lastSeenAt)}`,
    ]),
    section(`*Linked incidents*\n${listed.join(', ') || '—'}${more}`),
  ];
  const last = problem.history[problem.history.length - 1];
  if (last) blocks.push(context(`Last change: ${problemHistoryLine(last, problem)} · ${slackDate(last.at)}`));
  const text = `${problemRef(problem)}: ${problem.incidentCount} incidents with reason ${literal(problem.reasonCode)} at ${dimension.toLowerCase()} ${literal(problem.value)}`;
  return { text: clip(text, 300), blocks };
}

/** One audit row of a problem as a thread line. */
export function problemHistoryLine(entry: ProblemHistoryEntry, problem: Pick<ProblemDetail, 'incidents'>): string {
  const incident = entry.incidentId ? problem.incidents.find((i) => i.id === entry.incidentId) : undefined;
  const which = incident ? ` ${incidentRef(incident)}` : '';
  const change = entry.from && entry.from !== entry.to ? ` (${entry.from} → ${entry.to})` : '';
  const note = entry.note ? `: “${literal(clip(entry.note, 1500))}”` : '';
  return `${actorLabel(entry.actor)} — *${VERB[entry.action] ?? entry.action}*${which}${change}${note}`;
}
