import { nps } from '@turbota/statistics';
import type { IncidentService } from '@turbota/incidents';
import { SlashCommand, statsText } from './slash-command';
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
    const incidents = { findByNumber: (n: number) => (asked.push(n), Promise.resolve(null)) } as unknown as IncidentService;
    const command = new SlashCommand({ read: () => Promise.resolve(STATS) } as unknown as SupervisorStats, incidents);
    expect((await command.answer({ command: '/turbota', text: 'inc-42' })).text).toBe('There is no incident INC-42.');
    expect((await command.answer({ command: '/turbota', text: ' 7 ' })).text).toBe('There is no incident INC-7.');
    expect(asked).toEqual([42, 7]);
    const help = await command.answer({ command: '/turbota', text: 'what?' });
    expect(help).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('`/turbota stats`') as string });
    expect((await command.answer({ command: '/turbota', text: 'STATS' })).text).toContain('NPS *+40.0*');
    // The command's name comes back in the help, literally.
    expect((await command.answer({ command: '/t<!channel>', text: '' })).text).toContain('`/t&lt;!channel&gt; stats`');
  });
});
