import { silentAdjustedNps } from '@turbota/statistics';
import { buildSummary } from './summary';

const invitations = { invited: 10, answered: 6, awaiting: 1, npsOfInvited: { promoters: 3, passives: 1, detractors: 1 } };

describe('buildSummary', () => {
  it('counts everyone invited who answered nothing as silent, and leaves out invitees who answered another metric', () => {
    // 6 answered, 5 of them the NPS question (one answered CES): silent = 10 − 6 = 4, so n = 5 + 4.
    const summary = buildSummary([], invitations);
    expect(summary.silentAdjustedNps).toEqual(silentAdjustedNps({ promoters: 3, passives: 1, detractors: 1 }, 9));
    expect(summary.silentAdjustedNps).toMatchObject({ n: 9, silent: 4, detractors: 5 });
    expect(summary.responseRate).toMatchObject({ invited: 10, answered: 6, nonResponders: 4, awaiting: 1, value: 60 });
  });

  it('gives a group per key with all three scores, and no groups unless asked', () => {
    const rows = [
      { key: 'telegram', metric: 'nps' as const, score: 10, count: 3 },
      { key: 'viber', metric: 'csat' as const, score: 2, count: 1 },
    ];
    expect(buildSummary(rows, invitations).groups).toBeUndefined();
    const cut = buildSummary([], invitations, { groupBy: 'channel', rows });
    expect(cut.groups!.map((g) => [g.key, g.nps.n, g.csat.n])).toEqual([['telegram', 3, 0], ['viber', 0, 1]]);
    expect(cut.nps).toMatchObject({ n: 0, value: null });
  });
});
