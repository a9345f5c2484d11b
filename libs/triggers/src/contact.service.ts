import { customerNameOf } from '@turbota/conversations';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Clock, CLOCK, InvalidInputError, NotFoundError, RANDOM, type RandomSource } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { ContactEntity, ContactInvitationStepEntity, CustomerEntity, InvitationMessageEntity, SurveyPolicyEntity } from '@turbota/persistence';
import { PointService } from '@turbota/points';
import { PiiCipher } from '@turbota/privacy';
import { SurveyPolicyService } from '@turbota/survey-config';
import { CASCADE_UNREACHABLE, decideContact, ownChannelUnreachable } from './contact-decision';
import { type ContactInput, FUTURE_CONTACT, finishedBy } from './contact-input';
import { addressedContactOf, contactRecordOf, decisionColumnsOf, insertContacts, lastSurveysOf, lockExternalIds, matchingIndexesOf } from './contact-record';
import { type ContactCheckView, type ContactDecisionView, type ContactView, checkViewOf, contactViewOf, decisionViewOf } from './contact-view';
import { CustomerLinker } from './customer-linker';
import { canInviteOn } from './invitation-channels';
import { InvitationCascade } from './invitation-cascade';

/**
 * Post-contact triggers: records each finished contact the contact centre reports, decides
 * whether to survey the customer (now, after the quiet hours, or not, and why), and opens the
 * survey, all in one transaction.
 */
@Injectable()
export class ContactService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: RandomSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policies: SurveyPolicyService,
    private readonly linker: CustomerLinker,
    private readonly invitations: InvitationCascade,
    private readonly cipher: PiiCipher,
    private readonly points: PointService,
  ) {}

  /** Records a contact and answers the decision; a repeated external id answers the first decision. */
  async report(input: ContactInput): Promise<ContactDecisionView> {
    this.checkFinished(input);
    return this.dataSource.transaction(async (tx) => decisionViewOf(await this.recordIn(tx, input)));
  }

  /**
   * The decision a report of the contact would get now, with nothing kept: the report runs
   * exactly as `report` runs it (customer linked, cool-down read, survey opened), in a
   * transaction that is rolled back, so the check and a real report cannot disagree.
   */
  async check(input: ContactInput): Promise<ContactCheckView> {
    this.checkFinished(input);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const tx = runner.manager;
      // Taken before looking, as `recordIn` takes it (again, harmlessly): a report of the id in between cannot slip past.
      await lockExternalIds(tx, [input.externalId]);
      const recorded = await tx.existsBy(ContactEntity, { externalId: input.externalId });
      const contact = await this.recordIn(tx, input);
      const applied = await this.policyAt(tx, input);
      const policy = applied?.id === contact.policyId ? applied : contact.policyId ? await tx.findOneBy(SurveyPolicyEntity, { id: contact.policyId }) : null;
      return checkViewOf(contact, { recorded, policy });
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** Records a checked contact in the caller's transaction; a repeated external id answers the first contact. */
  async recordIn(tx: EntityManager, input: ContactInput): Promise<ContactEntity> {
    await lockExternalIds(tx, [input.externalId]);
    const existing = await tx.findOneBy(ContactEntity, { externalId: input.externalId });
    if (existing) return existing;
    // Inserted, not saved: its id is made beforehand, and `save` would first look for it.
    const row = await this.decide(tx, input);
    await insertContacts(tx, [row]);
    return tx.create(ContactEntity, row);
  }

  /** The policy for the contact's service type, its quiet hours read in the time zone of the contact's point of service when it has one. */
  async policyAt(tx: EntityManager, input: Pick<ContactInput, 'serviceType' | 'pointOfService'>): Promise<SurveyPolicyEntity | null> {
    const policy = await this.policies.policyFor(input.serviceType, tx);
    return policy && { ...policy, quietHours: await this.points.quietHoursAt(tx, input.pointOfService, policy.quietHours) };
  }

  async get(id: string): Promise<ContactView> {
    const { manager } = this.dataSource;
    const contact = await manager.findOneBy(ContactEntity, { id });
    if (!contact) throw new NotFoundError(`No contact ${id}`);
    // With a cascade of two link steps (SMS, then e-mail), the latest step's message.
    const invitation = await manager.findOne(InvitationMessageEntity, { where: { contactId: id }, order: { stepPosition: { direction: 'DESC', nulls: 'LAST' }, createdAt: 'DESC' } });
    return contactViewOf(contact, invitation, await manager.find(ContactInvitationStepEntity, { where: { contactId: id }, order: { position: 'ASC' } }));
  }

  /** The one rule of the input that needs the clock: the edge checked the rest. */
  private checkFinished(input: ContactInput): void {
    if (!finishedBy(input.occurredAt, this.clock.now())) throw new InvalidInputError([{ field: 'occurredAt', problems: [FUTURE_CONTACT] }]);
  }

  private async decide(tx: EntityManager, reported: ContactInput): Promise<Partial<ContactEntity>> {
    const input = addressedContactOf(reported, this.cipher, (channel) => canInviteOn(channel, this.config));
    const { customer } = input;
    const row = contactRecordOf(input, { cipher: this.cipher, now: this.clock.now(), defaultLocale: this.config.defaultLocale });
    if (!canInviteOn(customer.channel, this.config)) return { ...row, ...decisionColumnsOf({ decision: 'skipped', reason: 'no_channel' }) };
    const identity = await this.linker.resolve(tx, customer, { locale: row.locale!, name: customer.name, ...matchingIndexesOf(input, this.cipher) });
    const person = await tx.findOneOrFail(CustomerEntity, { where: { id: identity.customerId }, lock: { mode: 'pessimistic_write' } });
    if (customer.name) await tx.update(CustomerEntity, person.id, { nameSealed: this.cipher.seal(customer.name) });
    row.locale = customer.locale ?? person.locale ?? this.config.defaultLocale;
    const policy = await this.policyAt(tx, input);
    const decision = decideContact({
      channelOn: true,
      optedOut: person.optedOutAt !== null,
      unreachable: ownChannelUnreachable(identity, policy),
      policy,
      lastSurveyAt: (await lastSurveysOf(tx, [person.id])).get(person.id) ?? null,
      now: this.clock.now(),
      random: this.random,
    });
    Object.assign(row, { customerId: person.id, identityId: identity.id, policyId: policy?.id ?? null }, decisionColumnsOf(decision));
    if (decision.decision === 'invited') {
      const name = customer.name ?? customerNameOf(this.cipher, person);
      const opened = await this.invitations.invite(tx, { contact: row as ContactEntity, address: customer.address, policy: policy as SurveyPolicyEntity, customerName: name });
      Object.assign(row, opened ?? decisionColumnsOf(CASCADE_UNREACHABLE));
    }
    return row;
  }
}
