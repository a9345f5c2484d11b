import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PiiCipher } from '@turbota/privacy';
import type { ContactInput } from './contact-input';
import { matchingIndexesOf } from './contact-record';

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
  static async read(tx: EntityManager, cipher: PiiCipher, inputs: ContactInput[]): Promise<ContactLinks> {
    const identities = await tx.query<{ channel: string; address: string; customer_id: string }[]>(
      `SELECT channel, address, customer_id FROM customer_identity
       WHERE (channel, address) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY id FOR UPDATE`,
      [inputs.map((i) => i.customer.channel), inputs.map((i) => i.customer.address)],
    );
    const matching = inputs.map((i) => matchingIndexesOf(i, cipher));
    // The same rows the linker reads: contacts by phone or e-mail, complaints by phone.
    const phones = matching.flatMap((m) => m.phoneIndexes);
    const emails = matching.flatMap((m) => m.emailIndexes);
    const owners: { kind: string; index: Uint8Array; customer_id: string }[] = phones.length + emails.length === 0 ? [] : await tx.query(
      `SELECT 'p' AS kind, phone_index AS index, customer_id FROM contact WHERE phone_index = ANY($1::bytea[]) AND customer_id IS NOT NULL
       UNION SELECT 'e', email_index, customer_id FROM contact WHERE email_index = ANY($2::bytea[]) AND customer_id IS NOT NULL
       UNION SELECT 'p', phone_index, customer_id FROM complaint WHERE phone_index = ANY($1::bytea[]) AND customer_id IS NOT NULL`,
      [phones, emails],
    );
    const indexes = new Map<string, Set<string>>();
    // The embedded database answers bytea as a Uint8Array, PostgreSQL as a Buffer.
    for (const o of owners) addOwner(indexes, `${o.kind}${Buffer.from(o.index).toString('hex')}`, o.customer_id);
    return new ContactLinks(cipher, new Map(identities.map((i) => [addressKey(i), i.customer_id])), indexes);
  }

  /** The line's customer, remembered for the lines after it; `undefined` when the line would merge customers. */
  plan(input: ContactInput): PlannedCustomer | undefined {
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
