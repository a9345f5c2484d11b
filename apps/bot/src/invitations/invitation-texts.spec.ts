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

  it('refuses a texts file whose link line lacks the link or whose opt-out is missing', () => {
    const good = { link: 'Go: {link}', optOut: 'STOP' };
    expect(invitationTextProblems({ uk: good, ru: good, en: good })).toEqual([]);
    expect(invitationTextProblems({ uk: { link: 'Go', optOut: 'STOP' }, ru: good, en: { link: '{link} {link}' } })).toEqual([
      'uk.link must be a text holding {link} once',
      'en.link must be a text holding {link} once',
      'en.optOut must be a text',
    ]);
  });
});
