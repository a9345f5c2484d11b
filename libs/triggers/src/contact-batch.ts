import { customerNameOf } from '@turbota/conversations';
import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager, In } from 'typeorm';
import { type Clock, CLOCK, RANDOM, type RandomSource } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { ContactEntity, CustomerEntity, CustomerIdentityEntity, execute, type SurveyPolicyEntity } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { type BulkColumn, insertRows } from './bulk-insert';
import { CASCADE_UNREACHABLE, decideContact, ownChannelUnreachable } from './contact-decision';
import type { ContactInput } from './contact-input';
import { addressKey, ContactLinks, type PlannedCustomer } from './contact-links';
import { type AddressedContact, addressedContactOf, contactRecordOf, decisionColumnsOf, insertContacts, lastSurveysOf, lockExternalIds } from './contact-record';
import { ContactService } from './contact.service';
import { canInviteOn } from './invitation-channels';
import { InvitationCascade } from './invitation-cascade';

const CUSTOMER_COLUMNS: BulkColumn<CustomerEntity>[] = [
  ['id', 'id', 'uuid'],
  ['locale', 'locale', 'text'],
  ['nameSealed', 'name_sealed', 'bytea'],
];
const IDENTITY_COLUMNS: BulkColumn<CustomerIdentityEntity>[] = [
  ['customerId', 'customer_id', 'uuid'],
  ['channel', 'channel', 'text'],
  ['address', 'address', 'text'],
];

/** What a run of contacts knows of its customers, kept up to date as it decides them in order. */
interface RunState {
  identities: Map<string, CustomerIdentityEntity>;
  customers: Map<string, CustomerEntity>;
  lastSurveys: Map<string, Date>;
  /** The policy of each service type and point of service, looked up once a run. */
  policies: Map<string, SurveyPolicyEntity | null>;
  /** Names given earlier in the run, which a report-by-report customer would already carry. */
  givenNames: Map<string, string>;
}

/** A line of a run: its customer as planned, or null on a channel that cannot invite (no customer is looked for). */
interface PlannedLine {
  input: AddressedContact;
  customer: PlannedCustomer | null;
}

/**
 * Records many contacts in the caller's transaction with the decisions `POST /contacts` would
 * take one by one, in the same order and with the same draws, but reading and writing them
 * set by set: the customers of a run of contacts are found by address, phone and e-mail for
 * the whole batch at once (`ContactLinks`), decided in memory and inserted together. A contact
 * whose address, phone or e-mail point at two customers merges them, so it goes alone, through
 * `ContactService`, between the runs.
 */
@Injectable()
export class ContactBatch {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: RandomSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly contacts: ContactService,
    private readonly invitations: InvitationCascade,
    private readonly cipher: PiiCipher,
  ) {}

  /** The contact recorded for each input, in order; a repeated external id answers the first contact. */
  async record(tx: EntityManager, inputs: ContactInput[]): Promise<ContactEntity[]> {
    await lockExternalIds(tx, inputs.map((i) => i.externalId));
    const known = new Map((await tx.findBy(ContactEntity, { externalId: In(inputs.map((i) => i.externalId)) })).map((c) => [c.externalId, c]));
    // Each external id once: a repeat later in the file answers the first line's contact.
    const first = new Map<string, AddressedContact>();
    for (const input of inputs) if (!known.has(input.externalId) && !first.has(input.externalId)) first.set(input.externalId, addressedContactOf(input, this.cipher, (channel) => canInviteOn(channel, this.config)));
    const fresh = [...first.values()];
    const reachable = (input: AddressedContact) => canInviteOn(input.customer.channel, this.config);
    let links = await ContactLinks.read(tx, this.cipher, fresh.filter(reachable));
    let run: PlannedLine[] = [];
    for (const [n, input] of fresh.entries()) {
      const customer = reachable(input) ? links.plan(input) : null;
      if (customer !== undefined) {
        run.push({ input, customer });
        continue;
      }
      for (const contact of await this.recordRun(tx, run)) known.set(contact.externalId, contact);
      run = [];
      known.set(input.externalId, await this.contacts.recordIn(tx, input));
      // The merge moved rows between customers: what the rest of the batch links to is read again.
      links = await ContactLinks.read(tx, this.cipher, fresh.slice(n + 1).filter(reachable));
    }
    for (const contact of await this.recordRun(tx, run)) known.set(contact.externalId, contact);
    return inputs.map((input) => known.get(input.externalId)!);
  }

  /** Contacts whose customers were planned for the whole run. */
  private async recordRun(tx: EntityManager, lines: PlannedLine[]): Promise<ContactEntity[]> {
    if (lines.length === 0) return [];
    const now = this.clock.now();
    const linked = lines.filter((l): l is PlannedLine & { customer: PlannedCustomer } => l.customer !== null);
    const identities = await this.identitiesOf(tx, linked);
    const customers = await this.customersOf(tx, linked.map((l) => l.input), identities);
    const run: RunState = { identities, customers, lastSurveys: await lastSurveysOf(tx, [...customers.keys()]), policies: new Map(), givenNames: new Map() };
    const rows: Partial<ContactEntity>[] = [];
    for (const { input, customer } of lines) {
      const row = contactRecordOf(input, { cipher: this.cipher, now, defaultLocale: this.config.defaultLocale });
      rows.push(row);
      if (customer) await this.decide(tx, input, row, run);
      else Object.assign(row, decisionColumnsOf({ decision: 'skipped', reason: 'no_channel' }));
    }
    await insertContacts(tx, rows);
    return rows as ContactEntity[];
  }

  /** Decides one contact on a channel that can invite, as `ContactService` would, and opens its survey when invited. */
  private async decide(tx: EntityManager, input: AddressedContact, row: Partial<ContactEntity>, run: RunState): Promise<void> {
    const identity = run.identities.get(addressKey(input.customer))!;
    const person = run.customers.get(identity.customerId)!;
    const key = `${input.serviceType ?? ''}\n${input.pointOfService ?? ''}`;
    if (!run.policies.has(key)) run.policies.set(key, await this.contacts.policyAt(tx, input));
    const policy = run.policies.get(key)!;
    row.locale = input.customer.locale ?? person.locale ?? this.config.defaultLocale;
    const decision = decideContact({
      channelOn: true,
      optedOut: person.optedOutAt !== null,
      unreachable: ownChannelUnreachable(identity, policy),
      policy,
      lastSurveyAt: run.lastSurveys.get(person.id) ?? null,
      now: this.clock.now(),
      random: this.random,
    });
    Object.assign(row, { customerId: person.id, identityId: identity.id, policyId: policy?.id ?? null }, decisionColumnsOf(decision));
    if (input.customer.name) run.givenNames.set(person.id, input.customer.name);
    if (decision.decision === 'skipped') return;
    let at = decision.sendAt;
    if (decision.decision === 'invited') {
      const name = run.givenNames.get(person.id) ?? customerNameOf(this.cipher, person);
      const opened = await this.invitations.invite(tx, { contact: row as ContactEntity, address: identity.address, policy: policy, customerName: name });
      if (!opened) return void Object.assign(row, decisionColumnsOf(CASCADE_UNREACHABLE));
      Object.assign(row, opened);
      at = opened.invitedAt;
    }
    // The next contact of this customer in the run sees this invitation, as it would one report later.
    if (at.getTime() > (run.lastSurveys.get(person.id)?.getTime() ?? -Infinity)) run.lastSurveys.set(person.id, at);
  }

  /** The identities of the addresses, locked, created where new under the customers planned for them. */
  private async identitiesOf(tx: EntityManager, lines: { input: AddressedContact; customer: PlannedCustomer }[]): Promise<Map<string, CustomerIdentityEntity>> {
    const firstOf = new Map<string, { input: AddressedContact; customer: PlannedCustomer }>();
    for (const line of lines) if (!firstOf.has(addressKey(line.input.customer))) firstOf.set(addressKey(line.input.customer), line);
    const found = await this.lockIdentities(tx, [...firstOf.values()].map((l) => l.input));
    const missing = [...firstOf.values()].filter((l) => !found.has(addressKey(l.input.customer)));
    const identities = missing.length ? new Map([...found, ...(await this.createIdentities(tx, missing))]) : found;
    // Another request linked one of the addresses since the batch was read: the plan no longer holds, the batch goes line by line.
    if (lines.some((l) => identities.get(addressKey(l.input.customer))?.customerId !== l.customer.customerId)) {
      throw new Error('A customer of the batch changed while it was being recorded');
    }
    return identities;
  }

  /** New identities, under their planned customers; a new customer is made with its first line's locale and name. */
  private async createIdentities(tx: EntityManager, missing: { input: AddressedContact; customer: PlannedCustomer }[]): Promise<Map<string, CustomerIdentityEntity>> {
    const made = new Map<string, Partial<CustomerEntity>>();
    for (const { input, customer } of missing) {
      if (!customer.isNew || made.has(customer.customerId)) continue;
      const nameSealed = input.customer.name ? this.cipher.seal(input.customer.name) : null;
      made.set(customer.customerId, { id: customer.customerId, locale: input.customer.locale ?? this.config.defaultLocale, nameSealed, optedOutAt: null });
    }
    await insertRows(tx, 'customer', CUSTOMER_COLUMNS, [...made.values()]);
    const addresses = missing.map(({ input, customer }) => ({ customerId: customer.customerId, channel: input.customer.channel, address: input.customer.address }));
    await insertRows(tx, 'customer_identity', IDENTITY_COLUMNS, addresses, 'ON CONFLICT DO NOTHING');
    return this.lockIdentities(tx, missing.map((l) => l.input));
  }

  private async lockIdentities(tx: EntityManager, inputs: AddressedContact[]): Promise<Map<string, CustomerIdentityEntity>> {
    const identities = await tx
      .createQueryBuilder(CustomerIdentityEntity, 'i')
      .where('(i.channel, i.address) IN (SELECT * FROM unnest(:channels::text[], :addresses::text[]))', {
        channels: inputs.map((i) => i.customer.channel),
        addresses: inputs.map((i) => i.customer.address),
      })
      .orderBy('i.id')
      .setLock('pessimistic_write')
      .getMany();
    return new Map(identities.map((i) => [`${i.channel}\n${i.address}`, i]));
  }

  /** The customers behind the identities, locked, with the name each report gives (the last one wins, as report by report). */
  private async customersOf(tx: EntityManager, inputs: AddressedContact[], identities: Map<string, CustomerIdentityEntity>): Promise<Map<string, CustomerEntity>> {
    const ids = [...new Set([...identities.values()].map((i) => i.customerId))].sort();
    const customers = await tx.find(CustomerEntity, { where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const names = new Map<string, string>();
    for (const input of inputs) if (input.customer.name) names.set(identities.get(addressKey(input.customer))!.customerId, input.customer.name);
    if (names.size) {
      const named = [...names.keys()];
      const sealed = [...names.values()].map((n) => this.cipher.seal(n));
      await execute(tx, sql`UPDATE customer SET name_sealed = v.name FROM unnest(${named}::uuid[], ${sealed}::bytea[]) AS v(id, name) WHERE customer.id = v.id`);
    }
    return new Map(customers.map((c) => [c.id, c]));
  }
}
