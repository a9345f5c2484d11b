import { seededRandom } from '@turbota/common';
import { type ContactFacts, decideContact } from './contact-decision';

const NOON_KYIV = new Date('2026-11-22T10:00:00Z');
const never = () => {
  throw new Error('no draw expected');
};

function facts(overrides: Partial<ContactFacts> = {}): ContactFacts {
  return {
    channelOn: true,
    optedOut: false,
    unreachable: false,
    policy: { samplingRate: 1, cooldownDays: 30, quietHours: { start: '21:00', end: '09:00', timeZone: 'Europe/Kyiv' } },
    lastSurveyAt: null,
    now: NOON_KYIV,
    random: never,
    ...overrides,
  };
}

describe('decideContact', () => {
  it('invites at once outside the quiet hours', () => {
    expect(decideContact(facts())).toEqual({ decision: 'invited', sendAt: NOON_KYIV });
  });

  it('schedules a contact in the quiet hours for their end, in the policy\'s time zone', () => {
    const lateKyiv = new Date('2026-11-22T20:30:00Z'); // 22:30 in Kyiv
    expect(decideContact(facts({ now: lateKyiv }))).toEqual({ decision: 'scheduled', sendAt: new Date('2026-11-23T07:00:00Z') });
    // The same moment is 14:30 in New York: no quiet hours there.
    const newYork = { samplingRate: 1, cooldownDays: 30, quietHours: { start: '21:00', end: '09:00', timeZone: 'America/New_York' } };
    expect(decideContact(facts({ now: lateKyiv, policy: newYork }))).toEqual({ decision: 'invited', sendAt: lateKyiv });
  });

  it('skips a channel that is off or unknown before anything else', () => {
    expect(decideContact(facts({ channelOn: false, optedOut: true, unreachable: true, policy: null }))).toEqual({ decision: 'skipped', reason: 'no_channel' });
  });

  it('skips a customer who opted out, even when the address is also unreachable', () => {
    expect(decideContact(facts({ optedOut: true, unreachable: true }))).toEqual({ decision: 'skipped', reason: 'opted_out' });
  });

  it('skips an address the platform cannot deliver to', () => {
    expect(decideContact(facts({ unreachable: true }))).toEqual({ decision: 'skipped', reason: 'unreachable' });
  });

  it('skips a contact no active policy covers', () => {
    expect(decideContact(facts({ policy: null }))).toEqual({ decision: 'skipped', reason: 'no_policy' });
  });

  it('skips a customer surveyed within the cool-down, saying when, and invites the day after it ends', () => {
    const lastSurveyAt = new Date('2026-10-24T10:00:01Z'); // 29 days, 23:59:59 ago
    expect(decideContact(facts({ lastSurveyAt }))).toEqual({ decision: 'skipped', reason: 'cool_down', lastSurveyAt });
    expect(decideContact(facts({ lastSurveyAt: new Date('2026-10-23T10:00:00Z') }))).toMatchObject({ decision: 'invited' });
    const scheduledTomorrow = new Date('2026-11-23T07:00:00Z');
    expect(decideContact(facts({ lastSurveyAt: scheduledTomorrow }))).toEqual({ decision: 'skipped', reason: 'cool_down', lastSurveyAt: scheduledTomorrow });
  });

  it('has no cool-down when the policy sets 0 days', () => {
    const policy = { samplingRate: 1, cooldownDays: 0, quietHours: null };
    expect(decideContact(facts({ policy, lastSurveyAt: NOON_KYIV }))).toMatchObject({ decision: 'invited' });
  });

  it('samples out at the policy\'s rate, reproducibly with a seeded source', () => {
    const policy = { samplingRate: 0.3, cooldownDays: 30, quietHours: null };
    const run = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 10_000 }, () => decideContact(facts({ policy, random })).decision);
    };
    const first = run(42);
    const invited = first.filter((d) => d === 'invited').length;
    // 10,000 draws at 0.3: the standard error is 0.46 points, so 28-32% holds with room to spare.
    expect(invited).toBeGreaterThan(2_800);
    expect(invited).toBeLessThan(3_200);
    expect(new Set(first)).toEqual(new Set(['invited', 'skipped']));
    expect(decideContact(facts({ policy, random: () => 0.3 }))).toEqual({ decision: 'skipped', reason: 'sampled_out' });
    expect(run(42)).toEqual(first);
    expect(run(43)).not.toEqual(first);
  });

  it('draws nothing at a rate of 0 or 1', () => {
    expect(decideContact(facts({ policy: { samplingRate: 0, cooldownDays: 0, quietHours: null } }))).toEqual({ decision: 'skipped', reason: 'sampled_out' });
    expect(decideContact(facts({ policy: { samplingRate: 1, cooldownDays: 0, quietHours: null } }))).toMatchObject({ decision: 'invited' });
  });
});
