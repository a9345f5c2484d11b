import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { execute, qb } from '@turbota/persistence';
import type { PiiCipher } from '@turbota/privacy';
import { type AddressedContact, matchingIndexesOf } from './contact-record';

/** The customer a line goes to: one already known, or a new one (its id chosen here) made with its address. */
export interface PlannedCustomer {
  customerId: string;
  isNew: boolean;
}

/**
 * What `CustomerLinker` would do with each line of a batch, worked out from two reads for the
 * whole batch instead of a few statements a line: the customer of each address (locked) and
 * the customers behind each phone and e-mail blind index. A line whose address and phone or
 * e-mail point at one customer (or at none: a new one) goes with the set; a line that would
 * merge customers is answered `undefined` and goes alone through the linker. Lines are planned
 * in file order, each seeing what the earlier ones linked, as one report after another would.
 */
export class ContactLinks {
  private constructor(
    private readonly cipher: PiiCipher,
    private readonly addresses: Map<string, string>,
    private readonly indexes: Map<string, Set<string>>,
  ) {}

  /** Reads (and locks, in one order) what the database knows of the inputs' addresses, phones and e-mails. */
  static async read(tx: EntityManager, cipher: PiiCipher, inputs: AddressedContact[]): Promise<ContactLinks> {
    const addresses = sql<boolean>`(channel, address) IN (SELECT * FROM unnest(${inputs.map((i) => i.customer.channel)}::text[], ${inputs.map((i) => i.customer.address)}::text[]))`;
    const identities = await execute(tx, qb.selectFrom('customer_identity').select(['channel', 'address', 'customer_id']).where(addresses).orderBy('id').forUpdate());
    const matching = inputs.map((i) => matchingIndexesOf(i, cipher));
    // The same rows the linker reads: contacts by phone or e-mail, complaints by phone.
    const phones = matching.flatMap((m) => m.phoneIndexes);
    const emails = matching.flatMap((m) => m.emailIndexes);
    const owners = phones.length + emails.length === 0 ? [] : await execute(tx, ownersOf(phones, emails));
    const indexes = new Map<string, Set<string>>();
    // The embedded database answers bytea as a Uint8Array, PostgreSQL as a Buffer.
    for (const o of owners) if (o.index && o.customer_id) addOwner(indexes, `${o.kind}${Buffer.from(o.index).toString('hex')}`, o.customer_id);
    return new ContactLinks(cipher, new Map(identities.map((i) => [addressKey(i), i.customer_id])), indexes);
  }

  /** The line's customer, remembered for the lines after it; `undefined` when the line would merge customers. */
  plan(input: AddressedContact): PlannedCustomer | undefined {
    const key = addressKey(input.customer);
    const { phoneIndexes, emailIndexes } = matchingIndexesOf(input, this.cipher);
    const matched = new Set([...phoneIndexes.map((i) => `p${i.toString('hex')}`), ...emailIndexes.map((i) => `e${i.toString('hex')}`)].flatMap((k) => [...(this.indexes.get(k) ?? [])]));
    const owner = this.addresses.get(key);
    if (owner) matched.add(owner);
    if (matched.size > 1) return undefined;
    const planned = matched.size === 1 ? { customerId: [...matched][0], isNew: false } : { customerId: randomUUID(), isNew: true };
    this.addresses.set(key, planned.customerId);
    // The line's contact will carry its phone and e-mail under the current key, as the linker would find them.
    if (phoneIndexes.length) addOwner(this.indexes, `p${phoneIndexes[0].toString('hex')}`, planned.customerId);
    if (emailIndexes.length) addOwner(this.indexes, `e${emailIndexes[0].toString('hex')}`, planned.customerId);
    return planned;
  }
}

function addOwner(indexes: Map<string, Set<string>>, key: string, customerId: string): void {
  const owners = indexes.get(key) ?? new Set<string>();
  owners.add(customerId);
  indexes.set(key, owners);
}

/** The key of an address, as the batch keys its identities. */
export function addressKey(address: { channel: string; address: string }): string {
  return `${address.channel}\n${address.address}`;
}

/** Who holds each of these phone (`p`) and e-mail (`e`) indexes: the rows the linker reads, contacts by phone or e-mail, complaints by phone. */
function ownersOf(phones: Buffer[], emails: Buffer[]) {
  const anyOf = (indexes: Buffer[]) => sql<Buffer>`ANY(${indexes}::bytea[])`;
  return qb
    .selectFrom('contact')
    .select([sql.lit('p').as('kind'), 'phone_index as index', 'customer_id'])
    .where('phone_index', '=', anyOf(phones))
    .where('customer_id', 'is not', null)
    .union((db) =>
      db
        .selectFrom('contact')
        .select([sql.lit('e').as('kind'), 'email_index as index', 'customer_id'])
        .where('email_index', '=', anyOf(emails))
        .where('customer_id', 'is not', null),
    )
    .union((db) =>
      db
        .selectFrom('complaint')
        .select([sql.lit('p').as('kind'), 'phone_index as index', 'customer_id'])
        .where('phone_index', '=', anyOf(phones))
        .where('customer_id', 'is not', null),
    );
}
