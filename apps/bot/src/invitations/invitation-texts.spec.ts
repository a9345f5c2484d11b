import { projectPath, seededRandom } from '@turbota/common';
import { readStandardFile, type StandardService } from '@turbota/standard';
import { InvitationTexts, invitationTextProblems } from './invitation-texts';

const LINK = 'https://feedback.example.com/chat/s/sv_AbCdEfGhIjKlMnOpQrStUvWx';
/** The service standard as shipped, as the current version. */
const standard = { current: () => Promise.resolve({ version: 1, table: readStandardFile(projectPath('config/standard.json')) }) } as unknown as StandardService;

describe('the SMS that carries a survey link', () => {
  const texts = new InvitationTexts(standard, seededRandom(7));

  it('says a greeting of the standard, the link and how to opt out, in the fewest segments the greetings allow', async () => {
    const en = await texts.sms('en', LINK);
    expect(en.text).toContain(LINK);
    expect(en.text.endsWith('Reply STOP to opt out.')).toBe(true);
    expect(en).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    // Cyrillic takes UCS-2, 70 units a segment: the shortest greeting keeps it at three.
    const uk = await texts.sms('uk', LINK);
    expect(uk).toMatchObject({ encoding: 'UCS-2', segments: 3 });
    expect(uk.text).toContain('STOP — більше не писатимемо.');
  });

  it('never greets by a name it does not have', async () => {
    for (let i = 0; i < 20; i++) expect((await texts.sms('ru', LINK)).text).not.toContain('{name}');
  });

  it('refuses a texts file whose link line lacks the link, whose opt-out is missing, or whose e-mail lacks a text', () => {
    const email = { subject: 'S', answerHint: 'H', open: 'O', openLine: 'Open: {link}', unsubscribe: 'Stop: {link}', unsubscribeLabel: 'U' };
    const good = { link: 'Go: {link}', optOut: 'STOP', email };
    expect(invitationTextProblems({ uk: good, ru: good, en: good })).toEqual([]);
    expect(
      invitationTextProblems({ uk: { link: 'Go', optOut: 'STOP', email }, ru: { ...good, email: { ...email, openLine: 'Open', subject: 'See {link}' } }, en: { link: '{link} {link}' } }),
    ).toEqual([
      'uk.link must be a text holding {link} once',
      'ru.email.subject must be a text',
      'ru.email.openLine must be a text holding {link} once',
      'en.link must be a text holding {link} once',
      'en.optOut must be a text',
      'en.email.subject must be a text',
      'en.email.answerHint must be a text',
      'en.email.open must be a text',
      'en.email.openLine must be a text holding {link} once',
      'en.email.unsubscribe must be a text holding {link} once',
      'en.email.unsubscribeLabel must be a text',
    ]);
  });
});

describe('the e-mail that carries a survey link', () => {
  const texts = new InvitationTexts(standard, seededRandom(7));
  const nps = { kind: 'scale' as const, questionCode: 'nps', text: 'How likely are you to recommend us?', min: 0, max: 10, lowLabel: 'Not at all', highLabel: 'Definitely' };
  const parts = { opening: nps, surveyUrl: LINK, unsubscribeUrl: `${LINK}/unsubscribe` };

  it('greets by name where the standard has such a greeting, and never leaves the slot unfilled', async () => {
    for (let i = 0; i < 10; i++) {
      const named = await texts.email('en', { ...parts, customerName: 'Olena <b>' });
      expect(named.text).toContain('Olena <b>');
      expect(named.text).not.toContain('{name}');
      // Escaped in the HTML part: a name is the customer's words.
      expect(named.html).toContain('Olena &#60;b&#62;');
      expect((await texts.email('en', parts)).text).not.toContain('{name}');
    }
  });

  it('makes each score a link that opens the survey with it, and offers the survey and the unsubscribe in both parts', async () => {
    const mail = await texts.email('ru', parts);
    const scores = [...mail.html.matchAll(/href="([^"?]+)\?answer=(\d+)"/g)].map((m) => Number(m[2]));
    expect(scores).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(mail.html).toContain('0 — Not at all');
    expect(mail.html).toContain('10 — Definitely');
    expect(mail.text).toContain(`Или откройте опрос: ${LINK}`);
    expect(mail.text).toContain(`Отписаться: ${LINK}/unsubscribe`);
    expect(mail.headers).toEqual({ 'List-Unsubscribe': `<${LINK}/unsubscribe>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('offers only the survey when it opens with no scale', async () => {
    const mail = await texts.email('uk', { ...parts, opening: null });
    expect(mail.html).not.toContain('?answer=');
    expect(mail.html).toContain(`href="${LINK}"`);
  });
});
