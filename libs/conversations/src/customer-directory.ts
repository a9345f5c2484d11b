import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { ConversationEntity, CustomerEntity, CustomerIdentityEntity } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import type { ContactContext } from './conversation.service';

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
    const customer = await tx.save(CustomerEntity, {
      locale: context.locale,
      nameSealed: context.customerName ? this.cipher.seal(context.customerName) : null,
      optedOutAt: null,
    });
    await tx
      .createQueryBuilder()
      .insert()
      .into(CustomerIdentityEntity)
      .values({ customerId: customer.id, channel: address.channel, address: address.address })
      .orIgnore()
      .execute();
    const identity = await this.lock(tx, address);
    if (!identity) throw new Error('The customer identity vanished while being created');
    // Another request created it first: drop the customer made for nothing.
    const created = identity.customerId === customer.id;
    if (!created) await tx.delete(CustomerEntity, customer.id);
    return { identity, created };
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
  lock(tx: EntityManager, address: CustomerAddress): Promise<CustomerIdentityEntity | null> {
    return tx.findOne(CustomerIdentityEntity, {
      where: { channel: address.channel, address: address.address },
      lock: { mode: 'pessimistic_write' },
    });
  }
}
