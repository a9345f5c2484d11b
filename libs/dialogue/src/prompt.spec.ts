import { CUSTOMER_NAME_SLOT, type OutboundBody, withCustomerName } from './prompt';

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
