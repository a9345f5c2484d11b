import { LOCALES } from '@turbota/common';
import { invitationMail, resetMail } from './people-mail-texts';

const LINK = 'https://feedback.example.com/console/invite/Zr5u2Kx0bq7HxWQYqf2c3Jm9P3fTq0yVgN6a1sLwE8k';
const AT = new Date('2026-12-04T09:30:00Z');

describe('the people e-mails', () => {
  it('give the link, the name and the expiry in every language, each in its own words', () => {
    const subjects = new Set<string>();
    for (const locale of LOCALES) {
      for (const mail of [invitationMail(locale, { displayName: 'Olena', role: 'supervisor', link: LINK, expiresAt: AT }), resetMail(locale, { displayName: 'Olena', link: LINK, expiresAt: AT })]) {
        expect(mail.text).toContain(LINK);
        expect(mail.text).toContain('Olena');
        expect(mail.text).toMatch(/2026.*9:30 UTC|09:30 UTC/);
        subjects.add(mail.subject);
      }
    }
    expect(subjects.size).toBe(6);
  });

  it('names the role in the reader\'s language', () => {
    expect(invitationMail('uk', { displayName: 'O', role: 'viewer', link: LINK, expiresAt: AT }).text).toContain('«спостерігач»');
    expect(invitationMail('ru', { displayName: 'O', role: 'admin', link: LINK, expiresAt: AT }).text).toContain('«администратор»');
    expect(invitationMail('en', { displayName: 'O', role: 'supervisor', link: LINK, expiresAt: AT }).text).toContain('as supervisor');
  });
});
