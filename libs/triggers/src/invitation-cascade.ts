import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { type Clock, CLOCK } from '@turbota/common';
import { EntityManager } from 'typeorm';
import {
  ContactEntity,
  ContactInvitationStepEntity,
  ConversationEntity,
  CustomerEntity,
  CustomerIdentityEntity,
  executeTakeFirst,
  qb,
  SurveyPolicyEntity,
} from '@turbota/persistence';
import { type CascadeReach, nextStep, type NextStep, type OrderedStep, orderCascade, type StepCancelReason, type StepSendReason } from './cascade-plan';
import { hasAnswers } from './has-answers';
import { canInviteOn, invitesByLink, isUnreachable, recipientOf } from './invitation-channels';
import { type Invitation, InvitationOpener, type LinkInvitation, type OpenedInvitation } from './invitation-opener';

const MINUTE_MS = 60_000;

/** A contact as the cascade reads it. */
type CascadeContact = Pick<ContactEntity, 'id' | 'channel' | 'customerId' | 'identityId' | 'phoneIndex' | 'phoneSealed' | 'emailIndex' | 'emailSealed'> & Invitation['contact'];

/** A step about to be written. */
type StepRow = Omit<ContactInvitationStepEntity, 'id' | 'contact' | 'conversation'>;

/**
 * The invitation cascade: a policy may list channels in order with a wait (`viber → sms after
 * 30 min`). The first usable step invites; when its wait is over, the next usable step goes,
 * unless the customer answered, opted out or timed out meanwhile. Each step decided is recorded
 * with its reason, and at most one survey is open per contact: the previous step's silent
 * conversation expires before the next step goes. Without a cascade, the contact is invited on
 * its own channel as before.
 */
@Injectable()
export class InvitationCascade {
  constructor(
    private readonly opener: InvitationOpener,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Invites a contact the decision took: on its own channel, or on the first usable step of its
   * policy's cascade. Null when the cascade has no usable step: the contact is skipped then.
   */
  async invite(tx: EntityManager, invitation: Invitation & { contact: CascadeContact }): Promise<OpenedInvitation | null> {
    const { contact, policy } = invitation;
    if (policy.cascade.length === 0) return this.opener.invite(tx, invitation);
    const now = this.clock.now();
    const reach = await this.reachOf(tx, contact);
    const steps = orderCascade(policy.cascade, !invitesByLink(contact.channel) ? contact.channel : await lastUsedChannel(tx, contact.customerId));
    const found = nextStep(steps, 1, reach);
    const respondBy = new Date(now.getTime() + policy.answerTimeoutMinutes * MINUTE_MS);
    const sent = found.send && (await this.send(tx, { ...invitation, step: found.send, respondBy }));
    await this.record(tx, contact.id, found, { reason: 'first', conversationId: sent?.conversationId ?? null, now });
    if (!found.send) return null;
    return { invitedAt: now, conversationId: sent!.conversationId, respondBy, remindAt: null, cascadeAt: nextAtOf(found.send.step, now) };
  }

  /**
   * A contact whose cascade step is due: the steps left are cancelled when the customer
   * answered, opted out or timed out; else the next usable one goes, saying whether the
   * previous one was not delivered or not answered.
   */
  async advance(tx: EntityManager, contact: ContactEntity, customerName: (customer: CustomerEntity) => string | undefined): Promise<void> {
    const now = this.clock.now();
    const recorded = await tx.find(ContactInvitationStepEntity, { where: { contactId: contact.id }, order: { position: 'ASC' } });
    const policy = contact.policyId ? await tx.findOneBy(SurveyPolicyEntity, { id: contact.policyId }) : null;
    const customer = contact.customerId ? await tx.findOne(CustomerEntity, { where: { id: contact.customerId }, lock: { mode: 'pessimistic_write' } }) : null;
    const left = stepsLeft(policy?.cascade ?? [], recorded);
    const cancel = await cancelReasonOf(tx, contact, customer, now);
    if (cancel || !policy || !customer) {
      await this.record(tx, contact.id, { skipped: [], send: null }, { now, cancelled: { steps: left, reason: cancel ?? 'timed_out' } });
      await tx.update(ContactEntity, contact.id, { cascadeAt: null });
      return;
    }
    const previous = recorded.filter((s) => s.status === 'sent').at(-1);
    const reason: StepSendReason = previous && (await wasDelivered(tx, contact.id, previous)) ? 'not_answered' : 'not_delivered';
    const found = nextStep(left, left[0]?.position ?? Infinity, await this.reachOf(tx, contact));
    if (found.send) await expireSilent(tx, contact.conversationId, now);
    const invitation = { contact, address: '', policy, customerName: customerName(customer) };
    const sent = found.send && (await this.send(tx, { ...invitation, step: found.send, respondBy: contact.respondBy! }));
    await this.record(tx, contact.id, found, { reason, conversationId: sent?.conversationId ?? null, now });
    const moved = sent ? { conversationId: sent.conversationId } : {};
    await tx.update(ContactEntity, contact.id, { ...moved, cascadeAt: found.send ? nextAtOf(found.send.step, now) : null });
  }

  /** Sends the step's invitation: a conversation at the customer's identity, or a survey link. */
  private async send(tx: EntityManager, invitation: Invitation & { step: NonNullable<NextStep['send']>; respondBy: Date }): Promise<{ conversationId: string | null }> {
    const { step, target } = invitation.step;
    if (target.kind === 'messenger') return this.opener.open(tx, { ...invitation, channel: step.channel, address: target.address });
    const link: LinkInvitation = { contactId: invitation.contact.id, channel: step.channel as LinkInvitation['channel'], respondBy: invitation.respondBy, stepPosition: step.position };
    await this.opener.sendLink(tx, link);
    return { conversationId: null };
  }

  /** Writes the steps passed by, the one sent, or those cancelled. */
  private async record(
    tx: EntityManager,
    contactId: string,
    found: NextStep,
    options: { now: Date; reason?: StepSendReason; conversationId?: string | null; cancelled?: { steps: OrderedStep[]; reason: StepCancelReason } },
  ): Promise<void> {
    const { now } = options;
    const row = (step: OrderedStep, status: StepRow['status'], reason: string): StepRow => ({
      contactId,
      position: step.position,
      channel: step.channel,
      status,
      reason,
      decidedAt: now,
      nextAt: null,
      conversationId: null,
    });
    const rows = [
      ...found.skipped.map((s) => row(s.step, 'skipped', s.reason)),
      ...(found.send ? [{ ...row(found.send.step, 'sent', options.reason!), nextAt: nextAtOf(found.send.step, now), conversationId: options.conversationId ?? null }] : []),
      ...(options.cancelled?.steps.map((s) => row(s, 'cancelled', options.cancelled!.reason)) ?? []),
    ];
    if (rows.length) await tx.insert(ContactInvitationStepEntity, rows);
  }

  /** Where the contact's customer can be reached: their identities (the reported one first, then the newest) and the contact's phone and e-mail. */
  private async reachOf(tx: EntityManager, contact: CascadeContact): Promise<CascadeReach> {
    const identities = contact.customerId ? await tx.find(CustomerIdentityEntity, { where: { customerId: contact.customerId }, order: { createdAt: 'DESC', id: 'ASC' } }) : [];
    identities.sort((a, b) => Number(b.id === contact.identityId) - Number(a.id === contact.identityId));
    // A phone or e-mail alone is the customer's identity under its blind index: the sender marks it when the provider refuses it for good.
    const linkIdentity = (channel: string) => {
      const { index } = recipientOf(contact, channel);
      return index ? identities.find((i) => i.channel === channel && i.address === index.toString('hex')) : undefined;
    };
    return {
      channelOn: (channel) => canInviteOn(channel, this.config),
      byLink: invitesByLink,
      identities: identities.map((i) => ({ id: i.id, channel: i.channel, address: i.address, unreachable: isUnreachable(i) })),
      hasPhone: contact.phoneSealed !== null,
      hasEmail: contact.emailSealed !== null,
      linkUnreachable: (channel) => linkIdentity(channel)?.unreachableAt != null,
    };
  }
}

/** When the step after this one goes; null on the last step. */
function nextAtOf(step: OrderedStep, now: Date): Date | null {
  return step.waitMinutes === undefined ? null : new Date(now.getTime() + step.waitMinutes * MINUTE_MS);
}

/**
 * The steps not decided yet, in the order applied to the contact: recomputed from the policy
 * with the channel of the first step first, as when it was applied; channels decided already
 * are not tried again, should the policy have changed since.
 */
function stepsLeft(cascade: SurveyPolicyEntity['cascade'], recorded: ContactInvitationStepEntity[]): OrderedStep[] {
  const last = recorded.at(-1)?.position ?? 0;
  const tried = new Set(recorded.map((s) => s.channel));
  return orderCascade(cascade, recorded[0]?.channel ?? null).filter((s) => s.position > last && !tried.has(s.channel));
}

/** Why the cascade stops here: answered, opted out, or past the answer timeout (or cancelled); null when it goes on. */
async function cancelReasonOf(tx: EntityManager, contact: ContactEntity, customer: CustomerEntity | null, now: Date): Promise<StepCancelReason | null> {
  if (contact.conversationId && (await hasAnswers(tx, contact.conversationId))) return 'answered';
  if (customer?.optedOutAt) return 'opted_out';
  const over = contact.cancelledAt !== null || contact.nonResponderAt !== null || contact.respondBy === null || contact.respondBy.getTime() <= now.getTime();
  return over ? 'timed_out' : null;
}

/**
 * Whether the step's invitation reached the customer as far as the platform said: a messenger
 * step when an outbound message of its conversation was sent and not reported failed; a link
 * step when its SMS or e-mail was taken by the provider and not reported failed.
 */
async function wasDelivered(tx: EntityManager, contactId: string, step: ContactInvitationStepEntity): Promise<boolean> {
  if (step.conversationId) {
    const sent = qb.selectFrom('message').select('id').where('conversation_id', '=', step.conversationId).where('direction', '=', 'out').where('delivery', '=', 'sent').limit(1);
    return (await executeTakeFirst(tx, sent)) !== undefined;
  }
  const taken = qb
    .selectFrom('invitation_message')
    .select('id')
    .where('contact_id', '=', contactId)
    .where('step_position', '=', step.position)
    .where('status', 'in', ['accepted', 'sent', 'delivered'])
    .limit(1);
  return (await executeTakeFirst(tx, taken)) !== undefined;
}

/** The previous step's survey, still open and unanswered, ends: one survey open per contact. */
async function expireSilent(tx: EntityManager, conversationId: string | null, now: Date): Promise<void> {
  if (conversationId) await tx.update(ConversationEntity, { id: conversationId, status: 'open' }, { status: 'expired', endedAt: now });
}

/** The channel of the customer's latest answered survey ("last used"); null when they never answered. */
async function lastUsedChannel(tx: EntityManager, customerId: string | null): Promise<string | null> {
  if (!customerId) return null;
  const latest = qb.selectFrom('answer').select('channel').where('customer_id', '=', customerId).where('conversation_id', 'is not', null).orderBy('answered_at', 'desc').limit(1);
  return (await executeTakeFirst(tx, latest))?.channel ?? null;
}
