import { newSlackLinkCode, normalizedSlackLinkCode } from './slack-link-codes';

describe('Slack link codes', () => {
  it('are 8 characters that cannot be taken for one another, drawn anew each time', () => {
    const codes = Array.from({ length: 200 }, () => newSlackLinkCode());
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character of the alphabet turns up: the draw is not stuck on part of it.
    expect(new Set(codes.join('')).size).toBe(32);
  });

  it('read as typed, in any case, with a dash or spaces, and refuse what cannot be one', () => {
    expect(normalizedSlackLinkCode('abcd-2345')).toBe('ABCD2345');
    expect(normalizedSlackLinkCode(' AB CD 23 45 ')).toBe('ABCD2345');
    for (const typed of ['', 'ABCD-234', 'ABCD-23456', 'ABCD-O123', 'ABCD-I234', 'ABCD_2345', 'ABCD-2345; DROP']) expect(normalizedSlackLinkCode(typed)).toBeNull();
  });
});
