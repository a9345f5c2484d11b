import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { ConversationEntity, CustomerEntity, CustomerIdentityEntity } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import type { ContactContext } from './conversation.service';

const IDENTITY_COLUMNS = `id, customer_id AS "customerId", channel, address, reference, unreachable_at AS "unreachableAt", created_at AS "createdAt"`;

/** A customer's address on one channel: a chat id, a user id, a web chat session. */
export interface CustomerAddress {
  channel: string;
  address: string;
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
    // The customer and its identity in one statement; the new identity row is this transaction's, so locked.
    const [row]: (CustomerIdentityEntity & { newCustomerId: string })[] = await tx.query(
      `WITH customer AS (
         INSERT INTO customer (locale, name_sealed) VALUES ($3, $4) RETURNING id
       ), identity AS (
         INSERT INTO customer_identity (customer_id, channel, address) SELECT id, $1, $2 FROM customer
         ON CONFLICT DO NOTHING
         RETURNING ${IDENTITY_COLUMNS}
       )
       SELECT customer.id AS "newCustomerId", identity.* FROM customer LEFT JOIN identity ON true`,
      [address.channel, address.address, context.locale, context.customerName ? this.cipher.seal(context.customerName) : null],
    );
    const { newCustomerId, ...identity } = row;
    if (identity.id) return { identity, created: true };
    // Another request created it first: drop the customer made for nothing.
    await tx.query(`DELETE FROM customer WHERE id = $1`, [newCustomerId]);
    const existing = await this.lock(tx, address);
    if (!existing) throw new Error('The customer identity vanished while being created');
    return { identity: existing, created: false };
  }

  /** Keeps the platform's latest reference to the address, for writing to it later. */
  async keepReference(tx: EntityManager, identityId: string, reference: unknown): Promise<void> {
    await tx.query(`UPDATE customer_identity SET reference = $2 WHERE id = $1`, [identityId, reference === null ? null : JSON.stringify(reference)]);
  }

  /** Keeps a name for a customer known so far without one (a name already known stays). */
  async rememberName(tx: EntityManager, customerId: string, name: string): Promise<void> {
    await tx.query(`UPDATE customer SET name_sealed = $2 WHERE id = $1 AND name_sealed IS NULL AND erased_at IS NULL`, [customerId, this.cipher.seal(name)]);
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

  /** The identity of the address, locked for the rest of the transaction; null when never seen. */
  async lock(tx: EntityManager, address: CustomerAddress): Promise<CustomerIdentityEntity | null> {
    const [row]: CustomerIdentityEntity[] = await tx.query(
      `SELECT ${IDENTITY_COLUMNS} FROM customer_identity WHERE channel = $1 AND address = $2 FOR UPDATE`,
      [address.channel, address.address],
    );
    return row ?? null;
  }
}
