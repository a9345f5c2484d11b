import { nps } from '@turbota/statistics';
import type { IncidentService } from '@turbota/incidents';
import { type PersonProfile, SignInThrottledError, SlackLinkCodeRefusedError, type SlackLinkCodes, SlackUserTakenError } from '@turbota/people';
import { SlashCommand, statsText } from './slash-command';
import { SLASH_COMMAND_TEXTS } from './slash-command-texts';
import type { QuickStats, SupervisorStats } from './supervisor-stats';

const STATS: QuickStats = {
  days: 7,
  // 6 promoters, 2 passives, 2 detractors: NPS +40, adjusted-Wald interval computed by hand below.
  nps: nps({ promoters: 6, passives: 2, detractors: 2 }),
  incidents: { new: 3, acknowledged: 1, in_progress: 0, resolved: 5, rejected: 1, closed: 7 },
};

describe('the supervisors’ slash command', () => {
  it('states NPS with its 95% interval and sample, and incidents by status', () => {
    // n+3 = 13; p = 6.75/13, d = 2.75/13; centre = 4/13; se = sqrt((9.5/13 - (4/13)^2)/13) ≈ 0.2212; ±1.96 se → -12.6 … +74.1.
    expect(statsText(STATS)).toBe(
      '*Last 7 days* · NPS *+40.0* (95% interval -12.6 … +74.1), n = 10: 6 promoters, 2 passives, 2 detractors\n' +
        '*Incidents* · new 3 · acknowledged 1 · in progress 0 · resolved 5 · rejected 1 · closed 7',
    );
    expect(statsText({ ...STATS, nps: nps({ promoters: 0, passives: 0, detractors: 0 }) })).toContain('no NPS answers in the last 7 days');
  });

  it('looks an incident up by INC-number or number, and helps with anything else', async () => {
    const asked: number[] = [];
    const incidents = { findByNumber: (n: number, options: { tasksLocale?: string }) => (asked.push(n), expect(options.tasksLocale).toBe('en'), Promise.resolve(null)) } as unknown as IncidentService;
    const command = new SlashCommand({ read: () => Promise.resolve(STATS) } as unknown as SupervisorStats, incidents, {} as SlackLinkCodes);
    expect((await command.answer({ command: '/turbota', text: 'inc-42', userId: 'U0OLENA', locale: 'en' })).text).toBe('There is no incident INC-42.');
    expect((await command.answer({ command: '/turbota', text: ' 7 ', userId: 'U0OLENA', locale: 'en' })).text).toBe('There is no incident INC-7.');
    expect(asked).toEqual([42, 7]);
    const help = await command.answer({ command: '/turbota', text: 'what?', userId: 'U0OLENA', locale: 'en' });
    expect(help).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('`/turbota stats`') as string });
    expect((await command.answer({ command: '/turbota', text: 'STATS', userId: 'U0OLENA', locale: 'en' })).text).toContain('NPS *+40.0*');
    // The command's name comes back in the help, literally.
    expect((await command.answer({ command: '/t<!channel>', text: '', userId: 'U0OLENA', locale: 'en' })).text).toContain('`/t&lt;!channel&gt; stats`');
  });

  it('links the Slack user who typed a code, answering in their language, and says why a code is refused', async () => {
    const redeemed: { code: string; slackUserId: string }[] = [];
    let outcome: () => Promise<PersonProfile> = () => Promise.reject(new Error('not expected'));
    const codes = { redeem: (input: { code: string; slackUserId: string }) => (redeemed.push(input), outcome()) } as unknown as SlackLinkCodes;
    const command = new SlashCommand({} as SupervisorStats, {} as IncidentService, codes);
    const ask = async (text: string, locale: 'uk' | 'ru' | 'en') => (await command.answer({ command: '/turbota', text, userId: 'U0TARAS', locale })).text;
    const taras: PersonProfile = { kind: 'person', id: 'p-1', email: 'taras@example.com', displayName: 'Taras *Boss*', role: 'supervisor', locale: 'ru', slackUserId: 'U0TARAS' };

    outcome = () => Promise.resolve(taras);
    // Linked, the answer is in the person's language; their name is shown, formatting nothing.
    expect(await ask('LINK  abcd-2345 ', 'en')).toBe(SLASH_COMMAND_TEXTS.ru.linked('Taras \u2217Boss\u2217'));
    expect(redeemed).toEqual([{ code: 'abcd-2345', slackUserId: 'U0TARAS' }]);
    outcome = () => Promise.resolve({ ...taras, locale: null });
    expect(await ask('link ABCD2345', 'uk')).toContain('Готово, Taras');

    outcome = () => Promise.reject(new SlackLinkCodeRefusedError());
    expect(await ask('link WRONG-CODE', 'en')).toBe('This code is wrong or no longer works. Make a new one in the Turbota console and type it within 10 minutes.');
    outcome = () => Promise.reject(new SlackUserTakenError());
    expect(await ask('link ABCD-2345', 'uk')).toBe(SLASH_COMMAND_TEXTS.uk.linkTaken);
    outcome = () => Promise.reject(new SignInThrottledError(61));
    expect(await ask('link ABCD-2345', 'en')).toBe('Too many wrong codes. Try again in 2 min.');
    outcome = () => Promise.reject(new Error('database down'));
    await expect(ask('link ABCD-2345', 'en')).rejects.toThrow('database down');

    // Without a code nothing is tried: the answer says how.
    const tried = redeemed.length;
    expect(await ask('link', 'ru')).toBe(SLASH_COMMAND_TEXTS.ru.linkUsage('/turbota'));
    expect(redeemed).toHaveLength(tried);
    expect(await ask('what?', 'uk')).toContain('`/turbota link <код>`');
  });
});
