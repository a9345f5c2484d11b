import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager, IsNull } from 'typeorm';
import { ConversationEntity, CustomerEntity, CustomerIdentityEntity, execute, executeTakeFirst, qb, unnestRows } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import type { ContactContext } from './conversation.service';

/** A `customer_identity` row under the entity's names. */
const IDENTITY_COLUMNS = [
  'id',
  'customer_id as customerId',
  'channel',
  'address',
  'reference',
  'unreachable_at as unreachableAt',
  'created_at as createdAt',
] as const;

/** A customer's address on one channel: a chat id, a user id, a web chat session. */
export interface CustomerAddress {
  channel: string;
  address: string;
}

/** An address as one string, to look identities up by (`lockAll`). */
export function addressKey(address: CustomerAddress): string {
  return `${address.channel}/${address.address}`;
}

/** Finds or creates the customer behind an address. */
@Injectable()
export class CustomerDirectory {
  constructor(private readonly cipher: PiiCipher) {}

  /**
   * The identity of the address, created with its customer on first contact, and locked for
   * the rest of the transaction so that one customer's inputs are applied one at a time.
   */
  async lockOrCreate(tx: EntityManager, address: CustomerAddress, context: Pick<ContactContext, 'locale' | 'customerName'>): Promise<CustomerIdentityEntity> {
    return (await this.lock(tx, address)) ?? (await this.create(tx, address, context)).identity;
  }

  /**
   * Creates the customer of an address found unknown (by `lock`) and locks its identity;
   * `created` is false when another request created it first (its identity is answered).
   */
  async create(
    tx: EntityManager,
    address: CustomerAddress,
    context: Pick<ContactContext, 'locale' | 'customerName'>,
  ): Promise<{ identity: CustomerIdentityEntity; created: boolean }> {
    const created = (await this.createAll(tx, [{ address, context }])).get(addressKey(address));
    if (created) return { identity: created, created: true };
    const existing = await this.lock(tx, address);
    if (!existing) throw new Error('The customer identity vanished while being created');
    return { identity: existing, created: false };
  }

  /**
   * Creates the customers of several addresses found unknown (by `lock` or `lockAll`) with their
   * identities in one statement, the new identity rows this transaction's, so locked; by
   * `channel/address`. An address another transaction created first is left out (its customer
   * made for nothing is dropped): look it up with `lock`.
   */
  async createAll(tx: EntityManager, wanted: readonly { address: CustomerAddress; context: Pick<ContactContext, 'locale' | 'customerName'> }[]): Promise<Map<string, CustomerIdentityEntity>> {
    if (wanted.length === 0) return new Map();
    const ids = wanted.map(() => randomUUID());
    // Sealed names go as base64 text: one array type every driver sends alike.
    const names = wanted.map(({ context }) => (context.customerName ? this.cipher.seal(context.customerName).toString('base64') : null));
    const created = await execute(
      tx,
      qb
        .with('wanted', () =>
          unnestRows<{ id: string; locale: string; name: string | null; channel: string; address: string }>(
            'w',
            { id: 'uuid', locale: 'text', name: 'text', channel: 'text', address: 'text' },
            { id: ids, locale: wanted.map((w) => w.context.locale), name: names, channel: wanted.map((w) => w.address.channel), address: wanted.map((w) => w.address.address) },
          ),
        )
        .with('new_customer', (db) =>
          db
            .insertInto('customer')
            .columns(['id', 'locale', 'name_sealed'])
            .expression((eb) => eb.selectFrom('wanted').select(['wanted.id', 'wanted.locale', sql<Buffer | null>`decode(wanted.name, 'base64')`.as('name_sealed')]))
            .returning('id'),
        )
        .insertInto('customer_identity')
        .columns(['customer_id', 'channel', 'address'])
        .expression((eb) => eb.selectFrom('new_customer').innerJoin('wanted', 'wanted.id', 'new_customer.id').select(['new_customer.id', 'wanted.channel', 'wanted.address']))
        .onConflict((oc) => oc.doNothing())
        .returning(IDENTITY_COLUMNS),
    );
    const identities = new Map(created.map((row) => [addressKey(row), row]));
    const orphans = ids.filter((_, i) => !identities.has(addressKey(wanted[i].address)));
    if (orphans.length > 0) await execute(tx, qb.deleteFrom('customer').where('id', '=', sql<string>`ANY(${orphans}::uuid[])`));
    return identities;
  }

  /**
   * The identity of the address, locked: created under the given customer when the address is
   * new (an address already known keeps its customer).
   */
  async attach(tx: EntityManager, address: CustomerAddress, customerId: string): Promise<CustomerIdentityEntity> {
    await execute(tx, qb.insertInto('customer_identity').values({ customer_id: customerId, channel: address.channel, address: address.address }).onConflict((oc) => oc.doNothing()));
    const identity = await this.lock(tx, address);
    if (!identity) throw new Error('The customer identity vanished while being created');
    return identity;
  }

  /** Keeps the platform's latest reference to the address, for writing to it later. */
  async keepReference(tx: EntityManager, identityId: string, reference: unknown): Promise<void> {
    await execute(tx, qb.updateTable('customer_identity').set({ reference: reference === null ? null : JSON.stringify(reference) }).where('id', '=', identityId));
  }

  /** Keeps a name for a customer known so far without one (a name already known stays). */
  async rememberName(tx: EntityManager, customerId: string, name: string): Promise<void> {
    await execute(
      tx,
      qb.updateTable('customer').set({ name_sealed: this.cipher.seal(name) }).where('id', '=', customerId).where('name_sealed', 'is', null).where('erased_at', 'is', null),
    );
  }

  /**
   * The customer left the bot (an opt-out on that channel: no more invitations there, open
   * dialogues stop) or came back (reachable again).
   */
  async setSubscribed(tx: EntityManager, address: CustomerAddress, subscribed: boolean, now: Date): Promise<void> {
    const identity = await this.lock(tx, address);
    if (!identity) return;
    if (subscribed) {
      await tx.update(CustomerIdentityEntity, identity.id, { unreachableAt: null });
      return;
    }
    await tx.update(CustomerIdentityEntity, { id: identity.id, unreachableAt: IsNull() }, { unreachableAt: now });
    await tx.update(CustomerEntity, { id: identity.customerId, optedOutAt: IsNull() }, { optedOutAt: now });
    await tx.update(ConversationEntity, { identityId: identity.id, status: 'open' }, { status: 'stopped', endedAt: now });
  }

  /**
   * The identities of several addresses, locked for the rest of the transaction in one statement
   * (in the order of their ids, as any two such locks take them), by `channel/address`; an
   * address never seen has none.
   */
  async lockAll(tx: EntityManager, addresses: readonly CustomerAddress[]): Promise<Map<string, CustomerIdentityEntity>> {
    if (addresses.length === 0) return new Map();
    const rows = await execute(
      tx,
      qb
        .selectFrom('customer_identity')
        .select(IDENTITY_COLUMNS)
        .where(
          (eb) => eb.refTuple('channel', 'address'),
          'in',
          sql<[string, string]>`(SELECT * FROM unnest(${addresses.map((a) => a.channel)}::text[], ${addresses.map((a) => a.address)}::text[]))`,
        )
        .orderBy('id')
        .forUpdate(),
    );
    return new Map(rows.map((row) => [addressKey(row), row]));
  }

  /** The identity of the address, locked for the rest of the transaction; null when never seen. */
  async lock(tx: EntityManager, address: CustomerAddress): Promise<CustomerIdentityEntity | null> {
    const row = await executeTakeFirst(
      tx,
      qb.selectFrom('customer_identity').select(IDENTITY_COLUMNS).where('channel', '=', address.channel).where('address', '=', address.address).forUpdate(),
    );
    return row ?? null;
  }
}
