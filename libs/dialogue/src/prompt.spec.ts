import { CASE_SLOT, CUSTOMER_NAME_SLOT, type OutboundBody, OWN_CONTACT_SLOT, type Prompt, withCaseLine, withCustomerName, withOwnContact } from './prompt';

describe('withCustomerName', () => {
  const greeting: OutboundBody = { kind: 'scale', questionCode: 'nps', text: `Hello, ${CUSTOMER_NAME_SLOT}!\n\nHow likely…`, min: 0, max: 10 };

  it('fills the name in where the message says it, and leaves other messages as they are', () => {
    expect(withCustomerName(greeting, 'Olena')).toEqual({ ...greeting, text: 'Hello, Olena!\n\nHow likely…' });
    const receipt: OutboundBody = { kind: 'receipt', replyTo: '7', text: `${CUSTOMER_NAME_SLOT}, thank you: 9` };
    expect(withCustomerName(receipt, 'Olena').text).toBe('Olena, thank you: 9');
    const plain: OutboundBody = { kind: 'text', text: 'Thank you!' };
    expect(withCustomerName(plain, 'Olena')).toBe(plain);
  });

  it('leaves the name out once it is gone (the customer was erased)', () => {
    expect(withCustomerName(greeting, null).text).toBe('Hello, !\n\nHow likely…');
  });
});

describe('withCaseLine', () => {
  const thanks: Prompt = { kind: 'text', text: `Noted.\n${CASE_SLOT}` };

  it('puts the case line on its own line, or takes the slot and its line break out when there is no case', () => {
    expect(withCaseLine(thanks, 'Your case number is INC-42.')).toEqual({ kind: 'text', text: 'Noted.\nYour case number is INC-42.' });
    expect(withCaseLine(thanks, undefined)).toEqual({ kind: 'text', text: 'Noted.' });
    const plain: Prompt = { kind: 'text', text: 'Thank you!' };
    expect(withCaseLine(plain, 'Your case number is INC-42.')).toBe(plain);
  });
});

describe('withOwnContact', () => {
  const confirm: OutboundBody = { kind: 'text', text: `Shall we contact you at ${OWN_CONTACT_SLOT}?`, sealedContact: 'c2VhbGVk' };

  it('opens the customer\'s own contact into its slot as the message is sent, and drops the sealed copy', () => {
    expect(withOwnContact(confirm, (sealed) => (sealed === 'c2VhbGVk' ? '+380671234567' : null))).toEqual({ kind: 'text', text: 'Shall we contact you at +380671234567?' });
    expect(withOwnContact(confirm, () => null).text).toBe('Shall we contact you at •••?');
  });
});
