import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager, In } from 'typeorm';
import type { Locale } from '@turbota/common';
import { type CustomerAddress, CustomerDirectory } from '@turbota/conversations';
import { CustomerEntity, type CustomerIdentityEntity, execute, qb } from '@turbota/persistence';
import { customerReferences } from './customer-references';

/** What a report says about the customer behind an address. */
export interface KnownCustomer {
  locale: Locale;
  name?: string;
  /** The phone's blind indexes under every configured key (several during a key rotation). */
  phoneIndexes: Buffer[];
  /** The same for the e-mail. */
  emailIndexes: Buffer[];
}

/**
 * Finds the customer behind a reported address, and keeps one customer per person across
 * channels: when the phone or e-mail (by blind index) already belongs to a customer, the
 * address joins that customer, so the cool-down and an opt-out hold on every channel.
 */
@Injectable()
export class CustomerLinker {
  constructor(private readonly directory: CustomerDirectory) {}

  /** The address's identity, created when new and locked, under the customer its phone or e-mail points at. */
  async resolve(tx: EntityManager, address: CustomerAddress, known: KnownCustomer): Promise<CustomerIdentityEntity> {
    const matched = await this.customersMatching(tx, known);
    let identity = await this.directory.lock(tx, address);
    if (!identity && matched.length > 0) identity = await this.directory.attach(tx, address, matched[0]);
    identity ??= await this.directory.lockOrCreate(tx, address, { locale: known.locale, customerName: known.name });
    const involved = [...new Set([...matched, identity.customerId])];
    if (involved.length > 1) identity.customerId = await this.merge(tx, involved);
    return identity;
  }

  /** The customers (oldest first) who left this phone or e-mail in a report or a complaint. */
  private async customersMatching(tx: EntityManager, known: KnownCustomer): Promise<string[]> {
    if (known.phoneIndexes.length === 0 && known.emailIndexes.length === 0) return [];
    const phones = sql<Buffer>`ANY(${known.phoneIndexes}::bytea[])`;
    const emails = sql<Buffer>`ANY(${known.emailIndexes}::bytea[])`;
    const rows = await execute(
      tx,
      qb
        .selectFrom('customer as c')
        .select('c.id')
        .where('c.id', 'in', (db) =>
          db
            .selectFrom('contact')
            .select('customer_id')
            .where((eb) => eb.or([eb('phone_index', '=', phones), eb('email_index', '=', emails)]))
            .union(db.selectFrom('complaint').select('customer_id').where('phone_index', '=', phones)),
        )
        .orderBy('c.created_at')
        .orderBy('c.id'),
    );
    return rows.map((r) => r.id);
  }

  /**
   * Merges customers into the oldest: every row that refers to one of them (identities,
   * conversations, answers, complaints, contacts, and tables added later) moves to it; an
   * opt-out of either holds for both. Returns the one that remains.
   */
  private async merge(tx: EntityManager, customerIds: string[]): Promise<string> {
    const customers = await tx.find(CustomerEntity, { where: { id: In(customerIds) }, order: { createdAt: 'ASC', id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const [survivor, ...merged] = customers;
    const mergedIds = merged.map((c) => c.id);
    const optedOut = customers.map((c) => c.optedOutAt).filter((at): at is Date => at !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    await tx.update(CustomerEntity, survivor.id, {
      optedOutAt: optedOut,
      nameSealed: survivor.nameSealed ?? merged.find((c) => c.nameSealed)?.nameSealed ?? null,
      locale: survivor.locale ?? merged.find((c) => c.locale)?.locale ?? null,
    });
    for (const ref of await customerReferences(tx, { nullableOnly: false })) {
      // A row that cannot move (a per-customer unique key held by both) stays, and goes with the merged customer's delete rule.
      // The referring tables and columns come from the catalogue (the table as regclass prints it), not from the generated types.
      const column = sql.id(ref.column);
      await execute(tx, sql`SAVEPOINT customer_merge`);
      try {
        await execute(tx, sql`UPDATE ${sql.raw(ref.table)} SET ${column} = ${survivor.id} WHERE ${column} = ANY(${mergedIds}::uuid[])`);
        await execute(tx, sql`RELEASE SAVEPOINT customer_merge`);
      } catch {
        await execute(tx, sql`ROLLBACK TO SAVEPOINT customer_merge`);
      }
    }
    await tx.delete(CustomerEntity, mergedIds);
    return survivor.id;
  }
}
