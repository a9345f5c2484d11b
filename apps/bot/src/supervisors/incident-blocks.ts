import type { Button } from '@slack/types';
import type { Actor, IncidentAction, IncidentDetail, IncidentHistoryEntry, IncidentStatus, IncidentView } from '@turbota/incidents';
import { type Block, clip, context, fields, literal, mention, plain, quote, section, type SlackMessage, slackDate } from './slack-text';

/** The incident actions a supervisor has a button for, with the contract's action ids (`incident.<action>`). */
export const BUTTON_ACTIONS = ['acknowledge', 'resolve', 'reject', 'escalate'] as const satisfies readonly IncidentAction[];
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

/** The actions block carries the version the buttons were drawn for, so a press on an old message is known as stale. */
export const BUTTONS_BLOCK_PREFIX = 'incident:v';

const STATUS_LABEL: Record<IncidentStatus, string> = {
  new: ':red_circle: New',
  acknowledged: ':large_yellow_circle: Acknowledged',
  in_progress: ':large_blue_circle: In progress',
  resolved: ':large_green_circle: Resolved',
  rejected: ':white_circle: Rejected (not justified)',
  closed: ':black_circle: Closed',
};

const BUTTON: Record<ButtonAction, { label: string; style?: 'primary' | 'danger' }> = {
  acknowledge: { label: 'Acknowledge', style: 'primary' },
  resolve: { label: 'Resolve…' },
  reject: { label: 'Reject…', style: 'danger' },
  escalate: { label: 'Escalate' },
};

const VERB: Record<IncidentHistoryEntry['action'], string> = {
  create: 'created',
  acknowledge: 'acknowledged',
  start: 'started work',
  resolve: 'resolved',
  reject: 'rejected',
  close: 'closed',
  reopen: 'reopened',
  escalate: 'escalated',
  sla_breach: 'SLA breached',
  customer_confirmed: 'the customer confirmed it is solved',
  customer_disputed: 'the customer says it is not solved',
  customer_statement: 'the customer complained again',
  assign: 'assigned',
  unassign: 'unassigned',
  contact_reveal: 'revealed the contact',
};

/** `INC-42`. */
export const incidentRef = (incident: Pick<IncidentView, 'number'>) => `INC-${incident.number}`;

/** The supervisors' message of an incident: its facts, masked contacts, deadlines, next steps and buttons. */
export function incidentMessage(incident: IncidentDetail, options: { buttons: boolean } = { buttons: true }): SlackMessage {
  const blocks: Block[] = [
    { type: 'header', text: plain(clip(`${incidentRef(incident)} · ${incident.priority} priority`, 150)) },
    fields(factsOf(incident)),
  ];
  if (incident.text) blocks.push(section(`*The customer's words*\n${quote(incident.text, 2500)}`));
  blocks.push(fields(attributesOf(incident)), section(deadlinesOf(incident)));
  const steps = nextStepsOf(incident);
  if (steps) blocks.push(section(steps));
  const buttons = options.buttons ? incidentButtons(incident) : [];
  if (buttons.length) blocks.push({ type: 'actions', block_id: buttonsBlockId(incident), elements: buttons });
  const last = incident.history[incident.history.length - 1];
  if (last) blocks.push(context(`Last change: ${historyLine(last)} · ${slackDate(last.at)}`));
  return { text: summaryText(incident), blocks };
}

/** One line for notifications and the message's plain text (mrkdwn too); never a contact. */
export function summaryText(incident: IncidentView): string {
  const where = incident.attributes.pointOfService ? ` at ${literal(incident.attributes.pointOfService)}` : '';
  const reason = incident.reasonCode ? `: ${literal(incident.reasonCode)}` : '';
  return clip(`${incidentRef(incident)} (${incident.priority}) is ${incident.status.replace('_', ' ')}${reason}${where}`, 300);
}

/** One audit row as a short thread line: who, what (to whom, for an assignment), the note. */
export function historyLine(entry: IncidentHistoryEntry): string {
  const change = entry.from && entry.from !== entry.to ? ` (${entry.from} → ${entry.to})` : '';
  const whom = entry.owner ? ` ${entry.action === 'unassign' ? 'from' : 'to'} ${literal(entry.owner.name)}` : '';
  const note = entry.note ? `: “${literal(clip(entry.note, 1500))}”` : '';
  return `${actorLabel(entry.actor)} — *${VERB[entry.action] ?? literal(entry.action)}*${whom}${change}${note}`;
}

/** How many SLA announcements may mention `<!here>` in how long; given when the budget is spent. */
export interface MentionsPaused {
  mentions: number;
  windowMinutes: number;
}

/**
 * The channel announcement of an SLA breach, with the escalation level it raised. It mentions
 * `<!here>` unless the mentions' budget is spent (`paused`), and then says so.
 */
export function slaAnnouncement(incident: IncidentView, paused?: MentionsPaused): SlackMessage {
  const ref = incidentRef(incident);
  const missed = [incident.ackBreachedAt && 'acknowledge', incident.resolveBreachedAt && 'resolve'].filter(Boolean).join(' and ');
  const breach = `:rotating_light: SLA breached on ${ref} (${incident.priority}): the deadline to ${missed || 'act'} has passed. Escalation level ${incident.escalationLevel}.`;
  const text = paused
    ? `${breach} _Channel mentions are paused: ${paused.mentions} SLA announcement(s) mentioned the channel in the last ${paused.windowMinutes} minutes._`
    : `<!here> ${breach}`;
  return { text, blocks: [section(text)] };
}

/**
 * Who did something, as supervisors read it: a person by name, wherever they acted (the console,
 * or Slack once their Slack user is linked), so both read as one actor; a Slack user nobody
 * linked is mentioned, so Slack shows the name.
 */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'slack_user':
      return mention(actor.id);
    case 'customer':
      return 'The customer';
    case 'system':
      return 'Turbota';
    case 'person':
      return literal(actor.name ?? actor.id);
    case 'api_key':
      return `${literal(actor.name ?? actor.id)} (API)`;
  }
}

function factsOf(incident: IncidentView): string[] {
  const score = incident.metric && incident.score !== null ? `${incident.metric.toUpperCase()} ${incident.score}` : '—';
  const facts = [
    `*Status*\n${STATUS_LABEL[incident.status]}`,
    `*Priority*\n${incident.priority}`,
    `*Score*\n${score}`,
    `*Reason*\n${literal(incident.reasonCode ?? '—')}`,
    `*Owner*\n${literal(incident.owner?.name ?? '—')}`,
  ];
  if (incident.escalationLevel > 0) facts.push(`*Escalation level*\n${incident.escalationLevel}`);
  if (incident.justified !== null) facts.push(`*Justified*\n${incident.justified ? 'yes' : 'no'}`);
  if (incident.problemNumber !== null) facts.push(`*Problem*\nPRB-${incident.problemNumber}`);
  return facts;
}

function attributesOf(incident: IncidentView): string[] {
  const { contact, attributes } = incident;
  // The view is read with contacts masked; the message never carries more than that.
  const reach = [contact.phone, contact.email].filter(Boolean).join(', ') || '—';
  const value = (v: string | null) => literal(v ?? '—');
  return [
    `*Contact*\n${literal(reach)}`,
    `*Agent*\n${value(attributes.agent)}`,
    `*Point of service*\n${value(attributes.pointOfService)}`,
    `*Service type*\n${value(attributes.serviceType)}`,
    `*Channel*\n${value(attributes.channel)}`,
    `*Language*\n${attributes.locale}`,
  ];
}

function deadlinesOf(incident: IncidentView): string {
  const breached = (at: Date | null) => (at ? ' :warning: *breached*' : '');
  const ack = incident.acknowledgedAt ? `acknowledged ${slackDate(incident.acknowledgedAt)}` : `by ${slackDate(incident.acknowledgeBy)}${breached(incident.ackBreachedAt)}`;
  const settled = incident.resolvedAt ?? incident.rejectedAt ?? incident.closedAt;
  const resolve = settled ? `settled ${slackDate(settled)}` : `by ${slackDate(incident.resolveBy)}${breached(incident.resolveBreachedAt)}`;
  return `*SLA* · acknowledge ${ack} · resolve ${resolve}`;
}

/** The standard's tasks for the incident's state, and one phrase per action (varied by incident, so the same words do not repeat). */
function nextStepsOf(incident: IncidentDetail): string | null {
  const { tasks, actions } = incident.nextSteps;
  if (!tasks.length && !actions.length) return null;
  const lines = [`*Next steps* (service standard v${incident.nextSteps.version})`, ...tasks.map((task) => `• ${literal(task)}`)];
  const phrases = actions.filter((a) => a.phrases.length).map((a) => `• ${literal(a.action)}: _“${literal(a.phrases[incident.number % a.phrases.length])}”_`);
  if (phrases.length) lines.push('*What to say*', ...phrases);
  return lines.join('\n');
}

/**
 * The id of an incident's buttons block: the version they were drawn for and, where several
 * incidents share one surface (the App Home, whose block ids must differ), the incident's number.
 */
export function buttonsBlockId(incident: Pick<IncidentView, 'version' | 'number'>, options: { shared?: boolean } = {}): string {
  return `${BUTTONS_BLOCK_PREFIX}${incident.version}${options.shared ? `:${incident.number}` : ''}`;
}

/** The version a pressed button was drawn for, read from its block id; undefined when it carries none (or what it carries is no text). */
export function drawnVersionOf(blockId: unknown): number | undefined {
  const drawn = typeof blockId === 'string' && blockId.startsWith(BUTTONS_BLOCK_PREFIX) ? /^(\d+)(?::\d+)?$/.exec(blockId.slice(BUTTONS_BLOCK_PREFIX.length)) : null;
  return drawn ? Number(drawn[1]) : undefined;
}

/** The buttons of the actions an incident allows now (the incident message's, and the App Home's). */
export function incidentButtons(incident: IncidentView): Button[] {
  return BUTTON_ACTIONS.filter((action) => incident.allowedActions.includes(action)).map((action) => ({
    type: 'button' as const,
    action_id: `incident.${action}`,
    text: plain(BUTTON[action].label),
    value: incident.id,
    ...(BUTTON[action].style ? { style: BUTTON[action].style } : {}),
  }));
}
