import type { ContactEntity, ContactInvitationStepEntity, InvitationMessageEntity, InvitationStepStatus, SurveyPolicyEntity } from '@turbota/persistence';
import type { QuietHours } from '@turbota/surveys';
import type { DecisionKind, SkipReason } from './contact-decision';

/** The decision on a reported contact, as `POST /contacts` answers it (a repeat answers the same). */
export interface ContactDecisionView {
  id: string;
  externalId: string;
  decision: DecisionKind;
  /** Why it was skipped; null unless skipped. */
  reason: SkipReason | null;
  /** When a scheduled invitation goes out (the end of the quiet hours). */
  scheduledFor?: Date;
  /** For a cool-down: the customer's latest survey. */
  lastSurveyAt?: Date;
  customerId: string | null;
  /** The decision in words, for a person reading an integration's log. */
  message: string;
}

/** A contact with what became of its invitation. */
export interface ContactView extends ContactDecisionView {
  occurredAt: Date;
  channel: string;
  locale: string;
  agent: string | null;
  serviceType: string | null;
  pointOfService: string | null;
  decidedAt: Date;
  invitedAt: Date | null;
  conversationId: string | null;
  /** A scheduled invitation that could not go when its time came, and why. */
  cancelledAt: Date | null;
  cancelReason: string | null;
  remindedAt: Date | null;
  nonResponderAt: Date | null;
  /** An invitation sent outside the messengers (an SMS with the survey link) and what became of it; with a cascade, its latest link step's. Null for one on a messenger. */
  invitation: InvitationMessageView | null;
  /** The steps of the invitation cascade decided so far, in the order applied to the contact; empty without a cascade. */
  cascade: InvitationStepView[];
}

/** One step of a contact's invitation cascade: what was decided and why. */
export interface InvitationStepView {
  position: number;
  channel: string;
  status: InvitationStepStatus;
  reason: string | null;
  decidedAt: Date;
  /** When the next step goes unless the customer answers; null on the last step or once decided. */
  nextAt: Date | null;
}

/** An SMS invitation as the provider reported it; never its recipient or its text. */
export interface InvitationMessageView {
  channel: string;
  provider: string;
  status: InvitationMessageEntity['status'];
  attempts: number;
  /** How the text was counted (`GSM-7` or `UCS-2`) and in how many segments, each billed; null until sent. */
  encoding: string | null;
  segments: number | null;
  sentAt: Date | null;
  /** When the latest delivery report came. */
  reportedAt: Date | null;
  /** The provider's reason for a failure or a retry. */
  error: string | null;
}

/** The policy a checked contact was decided by, as it applied to that contact. */
export interface CheckedPolicy {
  id: string;
  name: string;
  samplingRate: number;
  cooldownDays: number;
  /** In the time zone of the contact's point of service when it has one. */
  quietHours: QuietHours | null;
}

/** What `POST /contacts?dryRun=true` answers: the decision a report would get now, nothing recorded. */
export interface ContactCheckView {
  dryRun: true;
  externalId: string;
  decision: DecisionKind;
  reason: SkipReason | null;
  scheduledFor?: Date;
  lastSurveyAt?: Date;
  /** The external id is recorded already: a report answers its first decision, as this does. */
  recorded: boolean;
  policy: CheckedPolicy | null;
  message: string;
}

const REASONS: Record<SkipReason, string> = {
  no_channel: 'the channel is off or cannot carry an invitation',
  opted_out: 'the customer opted out of surveys',
  unreachable: 'the customer cannot be reached on this channel',
  no_policy: 'no active survey policy covers this service type',
  cool_down: 'the customer was surveyed recently',
  sampled_out: 'the contact was not drawn in the sample',
};

export function decisionViewOf(c: ContactEntity): ContactDecisionView {
  const reason = c.reason as SkipReason | null;
  return {
    id: c.id,
    externalId: c.externalId,
    decision: c.decision,
    reason,
    ...(c.decision === 'scheduled' ? { scheduledFor: c.sendAt! } : {}),
    ...(reason === 'cool_down' ? { lastSurveyAt: c.lastSurveyAt! } : {}),
    customerId: c.customerId,
    message: messageOf(c, reason),
  };
}

/** The check's answer from the contact a report would record (never stored) and the policy it applied. */
export function checkViewOf(c: ContactEntity, options: { recorded: boolean; policy: SurveyPolicyEntity | null }): ContactCheckView {
  const { externalId, decision, reason, scheduledFor, lastSurveyAt, message } = decisionViewOf(c);
  const { policy } = options;
  return {
    dryRun: true,
    externalId,
    decision,
    reason,
    ...(scheduledFor ? { scheduledFor } : {}),
    ...(lastSurveyAt ? { lastSurveyAt } : {}),
    message,
    recorded: options.recorded,
    policy: policy && { id: policy.id, name: policy.name, samplingRate: policy.samplingRate, cooldownDays: policy.cooldownDays, quietHours: policy.quietHours },
  };
}

export function contactViewOf(c: ContactEntity, invitation: InvitationMessageEntity | null, steps: ContactInvitationStepEntity[] = []): ContactView {
  return {
    ...decisionViewOf(c),
    occurredAt: c.occurredAt,
    channel: c.channel,
    locale: c.locale,
    agent: c.agent,
    serviceType: c.serviceType,
    pointOfService: c.pointOfService,
    decidedAt: c.decidedAt,
    invitedAt: c.invitedAt,
    conversationId: c.conversationId,
    cancelledAt: c.cancelledAt,
    cancelReason: c.cancelReason,
    remindedAt: c.remindedAt,
    nonResponderAt: c.nonResponderAt,
    invitation: invitation && {
      channel: invitation.channel,
      provider: invitation.provider,
      status: invitation.status,
      attempts: invitation.attempts,
      encoding: invitation.encoding,
      segments: invitation.segments,
      sentAt: invitation.sentAt,
      reportedAt: invitation.reportedAt,
      error: invitation.lastError,
    },
    cascade: steps.map((s) => ({ position: s.position, channel: s.channel, status: s.status, reason: s.reason, decidedAt: s.decidedAt, nextAt: s.nextAt })),
  };
}

/** How an invitation by link goes, as the decision's message says it. */
const BY_LINK: Record<string, string> = { sms: 'by SMS', email: 'by e-mail' };

function messageOf(c: ContactEntity, reason: SkipReason | null): string {
  if (c.decision === 'invited') return Object.hasOwn(BY_LINK, c.channel) ? `The customer is invited now ${BY_LINK[c.channel]}, with a personal survey link` : `The customer is invited now on ${c.channel}`;
  if (c.decision === 'scheduled') return `The invitation waits for the end of the quiet hours: ${c.sendAt!.toISOString()}`;
  const why = REASONS[reason!];
  return reason === 'cool_down' ? `Skipped: ${why} (${c.lastSurveyAt!.toISOString()})` : `Skipped: ${why}`;
}
