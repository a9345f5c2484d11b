import { invitationsReport } from './invitation-report';
import { type ChannelInvitationCounts, noInvitations } from './invitations.repository';

const row = (channel: string, counts: Partial<ChannelInvitationCounts>): ChannelInvitationCounts => ({ ...noInvitations(channel), ...counts });

describe('the invitations report', () => {
  const prices = { currency: 'UAH', perMessage: { sms: 0.85, email: 0.002, viber: 0.3 } };

  it('bills an SMS per segment, an e-mail per message, a messenger per invitation, and divides by the answers', () => {
    const report = invitationsReport(
      [row('sms', { invited: 100, answered: 20, messages: 98, segments: 294 }), row('email', { invited: 50, answered: 0, messages: 50 }), row('viber', { invited: 40, answered: 10 })],
      prices,
    );
    expect(report.currency).toBe('UAH');
    expect(report.channels.map(({ channel, cost, costPerAnswer }) => ({ channel, cost, costPerAnswer }))).toEqual([
      // 294 segments × 0.85 = 249.90, over 20 answers.
      { channel: 'sms', cost: 249.9, costPerAnswer: 12.495 },
      // No answer: a cost, and no cost per answer.
      { channel: 'email', cost: 0.1, costPerAnswer: null },
      { channel: 'viber', cost: 12, costPerAnswer: 1.2 },
    ]);
  });

  it('reports no cost for a channel without a price, nor any without prices at all', () => {
    expect(invitationsReport([row('telegram', { invited: 3, answered: 1 })], prices).channels[0]).toMatchObject({ price: null, cost: null, costPerAnswer: null });
    expect(invitationsReport([row('sms', { invited: 3, segments: 3 })], null)).toMatchObject({ currency: null, channels: [{ price: null, cost: null }] });
  });

  it('gives the response rate and the NPS of those who answered with their intervals', () => {
    const [sms] = invitationsReport([row('sms', { invited: 10, answered: 4, awaiting: 2, npsOfInvited: { promoters: 2, passives: 1, detractors: 1 } })], null).channels;
    expect(sms.responseRate).toMatchObject({ invited: 10, answered: 4, awaiting: 2, value: 40 });
    expect(sms.nps).toMatchObject({ n: 4, value: 25 });
    expect(sms.nps.ci95).toHaveLength(2);
  });
});
