import type { EntityManager } from 'typeorm';
import { PiiCipher } from '@turbota/privacy';
import { ContactLinks } from './contact-links';
import type { AddressedContact } from './contact-record';

const cipher = new PiiCipher([Buffer.alloc(32, 7)]);
const PHONE = '+380501234567';

function line(address: string, contact: { phone?: string; email?: string } = {}): AddressedContact {
  return { externalId: address, customer: { channel: 'telegram', address, ...contact }, occurredAt: new Date() };
}

/** The database as the plan reads it: the customer of each known address, and the customers behind known phones and e-mails. */
function database(known: { addresses?: Record<string, string>; phones?: Record<string, string>; emails?: Record<string, string> }): EntityManager {
  const rowsOf = (sql: string) => {
    if (/from "?customer_identity"?/i.test(sql)) {
      return Object.entries(known.addresses ?? {}).map(([address, customer_id]) => ({ channel: 'telegram', address, customer_id }));
    }
    return [
      ...Object.entries(known.phones ?? {}).map(([phone, customer_id]) => ({ kind: 'p', index: new Uint8Array(cipher.blindIndex(phone)), customer_id })),
      ...Object.entries(known.emails ?? {}).map(([email, customer_id]) => ({ kind: 'e', index: cipher.blindIndex(email), customer_id })),
    ];
  };
  // A transaction's manager: its queries run on its query runner, which answers structured results.
  return { queryRunner: { query: (sql: string) => Promise.resolve({ records: rowsOf(sql) }) } } as unknown as EntityManager;
}

describe('ContactLinks', () => {
  it('keeps a known address with its customer and gives a new address a new customer, once', async () => {
    const links = await ContactLinks.read(database({ addresses: { '100': 'cust-a' } }), cipher, []);
    expect(links.plan(line('100'))).toEqual({ customerId: 'cust-a', isNew: false });
    const fresh = links.plan(line('200'))!;
    expect(fresh.isNew).toBe(true);
    // The address's next line in the file finds the customer its first line made.
    expect(links.plan(line('200'))).toEqual({ customerId: fresh.customerId, isNew: false });
  });

  it('links a new address to the customer who left the same phone or e-mail, in the database or earlier in the file', async () => {
    const file = [line('100', { phone: PHONE }), line('200', { email: 'Olena@Example.com' }), line('300', { phone: '+380671111111' }), line('400', { phone: '+380671111111' })];
    const links = await ContactLinks.read(database({ phones: { [PHONE]: 'cust-a' }, emails: { 'olena@example.com': 'cust-b' } }), cipher, file);
    expect(links.plan(file[0])).toEqual({ customerId: 'cust-a', isNew: false });
    // E-mails match whatever their case.
    expect(links.plan(file[1])).toEqual({ customerId: 'cust-b', isNew: false });
    const first = links.plan(file[2])!;
    expect(links.plan(file[3])).toEqual({ customerId: first.customerId, isNew: false });
  });

  it('answers nothing for a line that would merge two customers, so it goes alone through the linker', async () => {
    const links = await ContactLinks.read(database({ addresses: { '100': 'cust-a' }, phones: { [PHONE]: 'cust-b' } }), cipher, [line('100', { phone: PHONE })]);
    expect(links.plan(line('100', { phone: PHONE }))).toBeUndefined();
    // Two customers behind one file: a phone left with one address, then reported with another known one.
    expect(links.plan(line('100', { phone: '+380671111111' }))).toEqual({ customerId: 'cust-a', isNew: false });
    const other = await ContactLinks.read(database({ addresses: { '100': 'cust-a', '200': 'cust-c' } }), cipher, []);
    other.plan(line('100', { phone: '+380671111111' }));
    expect(other.plan(line('200', { phone: '+380671111111' }))).toBeUndefined();
  });
});
