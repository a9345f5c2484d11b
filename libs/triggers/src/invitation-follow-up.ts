import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { ConversationService, customerNameOf } from '@turbota/conversations';
import { ContactEntity, ConversationEntity, CustomerEntity, CustomerIdentityEntity, executeTakeFirst, qb } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { SurveyPolicyService } from '@turbota/survey-config';
import { hasAnswers } from './has-answers';
import { isUnreachable } from './invitation-channels';
import { InvitationCascade } from './invitation-cascade';
import { ReminderTexts } from './reminder-texts';

/** Which contact each follow-up step waits on at `now`, oldest due first, locked for its transaction (others skip it). */
const DUE = {
  scheduled: (now: Date) =>
    dueContact()
      .where('decision', '=', 'scheduled')
      .where('invited_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .where('send_at', '<=', now)
      .orderBy('send_at'),
  reminder: (now: Date) => dueContact().where('remind_at', '<=', now).orderBy('remind_at'),
  // Before the timeout: a cascade step due at the timeout's moment is cancelled as timed out, not sent.
  cascade: (now: Date) => dueContact().where('cascade_at', '<=', now).orderBy('cascade_at'),
  timeout: (now: Date) => dueContact().where('respond_by', '<=', now).orderBy('respond_by'),
} as const;

function dueContact() {
  return qb.selectFrom('contact').select('id').limit(1).forUpdate().skipLocked();
}

/** A follow-up step of an invitation. */
export type FollowUpStep = keyof typeof DUE;
export const FOLLOW_UP_STEPS = Object.keys(DUE) as FollowUpStep[];

/**
 * What happens to an invitation after the decision: a scheduled one goes out when the quiet
 * hours end (unless the customer opted out or became unreachable meanwhile), a silent invitee
 * is reminded once or invited on the cascade's next channel, and one still silent at the
 * answer timeout is marked a non-responder.
 * Each step on one contact is one transaction that claims it with SKIP LOCKED, so several
 * processes share the work and every step happens once.
 */
@Injectable()
export class InvitationFollowUp {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policies: SurveyPolicyService,
    private readonly invitations: InvitationCascade,
    private readonly conversations: ConversationService,
    private readonly reminders: ReminderTexts,
    private readonly cipher: PiiCipher,
  ) {}

  /** Handles the next due contact of a step; false when none is due. */
  next(step: FollowUpStep): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const due = await executeTakeFirst(tx, DUE[step](this.clock.now()));
      if (!due) return false;
      const contact = await tx.findOneByOrFail(ContactEntity, { id: due.id });
      await this[step](tx, contact, this.clock.now());
      return true;
    });
  }

  /** A scheduled invitation whose time has come: opened, or cancelled saying why. */
  private async scheduled(tx: EntityManager, contact: ContactEntity, now: Date): Promise<void> {
    const lock = { mode: 'pessimistic_write' } as const;
    const identity = contact.identityId ? await tx.findOne(CustomerIdentityEntity, { where: { id: contact.identityId }, lock }) : null;
    const customer = identity && (await tx.findOne(CustomerEntity, { where: { id: identity.customerId }, lock }));
    const policy = await this.policies.policyFor(contact.serviceType, tx);
    // Opted out beats unreachable, as in the decision table; a cascade looks for a reachable step of its own.
    const ownUnreachable = identity !== null && isUnreachable(identity) && !policy?.cascade.length;
    const cancelReason = !identity || !customer ? 'unreachable' : customer.optedOutAt ? 'opted_out' : ownUnreachable ? 'unreachable' : !policy ? 'no_policy' : null;
    if (cancelReason) {
      await tx.update(ContactEntity, contact.id, { cancelledAt: now, cancelReason });
      return;
    }
    const opened = await this.invitations.invite(tx, { contact, address: identity!.address, policy: policy!, customerName: customerNameOf(this.cipher, customer!) });
    await tx.update(ContactEntity, contact.id, opened ?? { cancelledAt: now, cancelReason: 'unreachable' });
  }

  /** A cascade step whose wait is over: the next channel, or the rest cancelled (see `InvitationCascade`). */
  private async cascade(tx: EntityManager, contact: ContactEntity): Promise<void> {
    await this.invitations.advance(tx, contact, (customer) => customerNameOf(this.cipher, customer));
  }

  /** The one reminder, only to an invitee who has not answered anything yet. */
  private async reminder(tx: EntityManager, contact: ContactEntity, now: Date): Promise<void> {
    const silent = contact.conversationId !== null && !(await hasAnswers(tx, contact.conversationId));
    const reminded = silent && (await this.conversations.askAgain(tx, contact.conversationId!, (locale) => this.reminders.pick(locale)));
    await tx.update(ContactEntity, contact.id, { remindAt: null, remindedAt: reminded ? now : null });
  }

  /**
   * The answer timeout: an invitee who answered nothing is a non-responder, and a survey still
   * waiting on them expires. One who answered anything has responded, however far they got.
   */
  private async timeout(tx: EntityManager, contact: ContactEntity, now: Date): Promise<void> {
    const silent = contact.conversationId === null || !(await hasAnswers(tx, contact.conversationId));
    if (silent && contact.conversationId) {
      await tx.update(ConversationEntity, { id: contact.conversationId, status: 'open' }, { status: 'expired', endedAt: now });
    }
    await tx.update(ContactEntity, contact.id, { respondBy: null, remindAt: null, cascadeAt: null, nonResponderAt: silent ? now : null });
  }
}
