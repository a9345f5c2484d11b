import { maskContactsIn, maskEmail, maskPhone } from './masking';
import { MASKING_TABLE, READABLE_TABLE } from './masking-table';

describe('maskContactsIn', () => {
  it('masks the phones and e-mails a customer typed among their words', () => {
    expect(maskContactsIn('Call me on 067 123 45 67 or write to olena.k@example.com, please')).toBe(
      `Call me on ${maskPhone('+380671234567')} or write to ${maskEmail('olena.k@example.com')}, please`,
    );
    expect(maskContactsIn('мій номер +48 601 234 567')).toBe(`мій номер ${maskPhone('+48601234567')}`);
  });

  it.each(MASKING_TABLE.map((c) => [c.input, c.expected, c.secrets] as const))('masks %j as %j', (input, expected, secrets) => {
    const masked = maskContactsIn(input);
    expect(masked).toBe(expected);
    for (const secret of secrets) expect(masked.toLowerCase()).not.toContain(secret.toLowerCase());
  });

  it.each(READABLE_TABLE.map((text) => [text]))('leaves %j as typed (scores, dates, times, references, amounts)', (text) => {
    expect(maskContactsIn(text)).toBe(text);
  });

  it('masks a phone after a reference, keeping the reference itself', () => {
    expect(maskContactsIn('Order 123456789 0671234567')).toBe(`Order 123456789 ${maskPhone('+380671234567')}`);
    expect(maskContactsIn('ORD-123456789, 8 067 123 45 67')).toBe(`ORD-123456789, ${maskPhone('+380671234567')}`);
  });

  it('keeps no digit of the middle of a number or the local part of an address', () => {
    const masked = maskContactsIn('0671234567 olena@example.com');
    expect(masked).not.toMatch(/671234|olena/);
  });

  it('reads the national forms of the regions it is given', () => {
    expect(maskContactsIn('0671234567', ['UA'])).toBe(maskPhone('+380671234567'));
    // Not a Russian number, but still nine digits and more: the backstop masks it.
    expect(maskContactsIn('0671234567', ['RU'])).toBe('••• ••• 67');
  });
});
