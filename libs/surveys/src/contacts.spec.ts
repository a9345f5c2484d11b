import { normaliseContact, normaliseEmail, normalisePhone } from './contacts';

describe('normalisePhone', () => {
  it.each([
    ['+380 67 123 45 67', '+380671234567'],
    ['067 123-45-67', '+380671234567'],
    ['(067) 123 45 67', '+380671234567'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads %s as %s', (raw, e164) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, e164 });
  });

  it('reads a number without a country code in the given country', () => {
    expect(normalisePhone('(415) 555-2671', 'US')).toEqual({ ok: true, e164: '+14155552671' });
  });

  it.each(['12345', '+380 67 123', 'call me', '+380671234567; DROP TABLE', '0'.repeat(50), ''])('refuses %j', (raw) => {
    expect(normalisePhone(raw)).toEqual({ ok: false });
  });
});

describe('normaliseEmail', () => {
  it('accepts an ordinary address and lower-cases the domain only', () => {
    expect(normaliseEmail('  Olena.K+shop@Example.COM ')).toEqual({ ok: true, email: 'Olena.K+shop@example.com' });
  });

  it.each(['olena', 'olena@', '@example.com', 'olena@example', 'o lena@example.com', 'olena@@example.com', '.olena@example.com', 'ol..ena@example.com', `${'a'.repeat(65)}@example.com`])(
    'refuses %j',
    (raw) => {
      expect(normaliseEmail(raw)).toEqual({ ok: false });
    },
  );
});

describe('normaliseContact', () => {
  it('tells a phone from an e-mail', () => {
    expect(normaliseContact('067 123 45 67')).toEqual({ phone: '+380671234567' });
    expect(normaliseContact('olena@example.com')).toEqual({ email: 'olena@example.com' });
    expect(normaliseContact('tomorrow')).toBeUndefined();
  });
});
