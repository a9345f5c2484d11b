import type { Clock } from '@turbota/common';
import { MEMBERS_FRESH_MS, MISS_REFRESH_MS, SupervisorDirectory } from './supervisor-directory';
import type { SupervisorsSettings, SupervisorsSlack } from './supervisors-slack';

/** A Slack whose channel and group members a test sets, counting how often it is asked, failing on demand. */
function slackWith(settings: Partial<SupervisorsSettings> = {}) {
  const state = { channel: ['U0OLENA'], group: ['U0GROUP'], asked: 0, down: false };
  const answer = (ids: string[]) => (state.asked++, state.down ? Promise.reject(new Error('fatal_error')) : Promise.resolve([...ids]));
  const slack = {
    settings: { botToken: 'x', apiUrl: 'http://slack.invalid/api/', channel: 'C0ESC', ...settings },
    conversationMembers: () => answer(state.channel),
    userGroupMembers: () => answer(state.group),
  } as unknown as SupervisorsSlack;
  return { slack, state };
}

class TestClock implements Clock {
  at = Date.parse('2026-12-06T12:00:00Z');
  now = () => new Date(this.at);
}

describe('SupervisorDirectory', () => {
  it('admits the escalation channel’s members and no one else, asking Slack once a minute', async () => {
    const { slack, state } = slackWith();
    const clock = new TestClock();
    const directory = new SupervisorDirectory(slack, clock);
    expect(await directory.check('U0OLENA')).toEqual({ allowed: true });
    expect(await directory.check('U0OLENA')).toEqual({ allowed: true });
    expect(await directory.check('U0MALLORY')).toEqual({ allowed: false, reason: 'not_a_supervisor' });
    expect(await directory.check(undefined)).toEqual({ allowed: false, reason: 'not_a_supervisor' });
    // One read: the miss came within a moment of it.
    expect(state.asked).toBe(1);
    clock.at += MEMBERS_FRESH_MS;
    expect(await directory.check('U0OLENA')).toEqual({ allowed: true });
    expect(state.asked).toBe(2);
  });

  it('admits someone just added to the channel on their next press', async () => {
    const { slack, state } = slackWith();
    const clock = new TestClock();
    const directory = new SupervisorDirectory(slack, clock);
    expect(await directory.check('U0NEW')).toMatchObject({ allowed: false });
    state.channel.push('U0NEW');
    clock.at += MISS_REFRESH_MS;
    expect(await directory.check('U0NEW')).toEqual({ allowed: true });
  });

  it('uses the user group instead of the channel when one is configured', async () => {
    const directory = new SupervisorDirectory(slackWith({ supervisorGroup: 'S0SUP' }).slack, new TestClock());
    expect(await directory.check('U0GROUP')).toEqual({ allowed: true });
    expect(await directory.check('U0OLENA')).toEqual({ allowed: false, reason: 'not_a_supervisor' });
  });

  it('admits nobody when Slack cannot say who the supervisors are, and asks again after a moment', async () => {
    const { slack, state } = slackWith();
    const clock = new TestClock();
    const directory = new SupervisorDirectory(slack, clock);
    state.down = true;
    expect(await directory.check('U0OLENA')).toEqual({ allowed: false, reason: 'unverified' });
    expect(await directory.check('U0OLENA')).toEqual({ allowed: false, reason: 'unverified' });
    expect(state.asked).toBe(1);
    state.down = false;
    clock.at += MISS_REFRESH_MS;
    expect(await directory.check('U0OLENA')).toEqual({ allowed: true });
  });

  it('stops trusting a list older than a minute when Slack fails', async () => {
    const { slack, state } = slackWith();
    const clock = new TestClock();
    const directory = new SupervisorDirectory(slack, clock);
    expect(await directory.check('U0OLENA')).toEqual({ allowed: true });
    state.down = true;
    clock.at += MEMBERS_FRESH_MS - 1;
    expect(await directory.check('U0OLENA')).toEqual({ allowed: true });
    clock.at += 1;
    expect(await directory.check('U0OLENA')).toEqual({ allowed: false, reason: 'unverified' });
  });

  it('asks Slack once for presses that arrive together', async () => {
    const { slack, state } = slackWith();
    const directory = new SupervisorDirectory(slack, new TestClock());
    const checks = await Promise.all(['U0OLENA', 'U0OLENA', 'U0X'].map((u) => directory.check(u)));
    expect(checks.map((c) => c.allowed)).toEqual([true, true, false]);
    expect(state.asked).toBe(1);
  });
});
