import { maskContactsIn, maskEmail, maskPhone } from './masking';

describe('maskContactsIn', () => {
  it('masks the phones and e-mails a customer typed among their words', () => {
    expect(maskContactsIn('Call me on 067 123 45 67 or write to olena.k@example.com, please')).toBe(
      `Call me on ${maskPhone('+380671234567')} or write to ${maskEmail('olena.k@example.com')}, please`,
    );
    expect(maskContactsIn('мій номер +48 601 234 567')).toBe(`мій номер ${maskPhone('+48601234567')}`);
  });

  it('leaves numbers that are not phones and words without contacts as they are', () => {
    for (const text of ['Order 123456789012 came late', 'waited 45 minutes', 'card 4111 1111 1111 1111', 'Дуже довго чекала', '']) {
      expect(maskContactsIn(text)).toBe(text);
    }
  });

  it('keeps no digit of the middle of a number or the local part of an address', () => {
    const masked = maskContactsIn('0671234567 olena@example.com');
    expect(masked).not.toMatch(/671234|olena/);
  });
});
