import { deadlinesFor, dueBreaches, isBreached, type SlaFacts, type SlaPolicy } from './sla-policy';

const SLA: SlaPolicy = {
  high: { acknowledgeMinutes: 30, resolveMinutes: 480 },
  normal: { acknowledgeMinutes: 120, resolveMinutes: 1440 },
  low: { acknowledgeMinutes: 480, resolveMinutes: 4320 },
};
const CREATED = new Date('2026-03-02T10:00:00Z');

describe('deadlinesFor', () => {
  it('counts minutes per priority from the creation', () => {
    expect(deadlinesFor('high', CREATED, SLA)).toEqual({ acknowledgeBy: new Date('2026-03-02T10:30:00Z'), resolveBy: new Date('2026-03-02T18:00:00Z') });
    expect(deadlinesFor('normal', CREATED, SLA)).toEqual({ acknowledgeBy: new Date('2026-03-02T12:00:00Z'), resolveBy: new Date('2026-03-03T10:00:00Z') });
    expect(deadlinesFor('low', CREATED, SLA)).toEqual({ acknowledgeBy: new Date('2026-03-02T18:00:00Z'), resolveBy: new Date('2026-03-05T10:00:00Z') });
  });
});

describe('dueBreaches', () => {
  const incident = (overrides: Partial<SlaFacts> = {}): SlaFacts => ({
    status: 'new',
    ...deadlinesFor('high', CREATED, SLA),
    ackBreachedAt: null,
    resolveBreachedAt: null,
    ...overrides,
  });
  const at = (iso: string) => new Date(iso);

  it('nothing before the deadline to acknowledge; that one exactly at it', () => {
    expect(dueBreaches(incident(), at('2026-03-02T10:29:59.999Z'))).toEqual([]);
    expect(dueBreaches(incident(), at('2026-03-02T10:30:00Z'))).toEqual(['acknowledge']);
  });

  it('an acknowledged incident does not breach the deadline to acknowledge', () => {
    expect(dueBreaches(incident({ status: 'acknowledged' }), at('2026-03-02T11:00:00Z'))).toEqual([]);
  });

  it('both deadlines when the incident was left alone past both; each only once', () => {
    const late = at('2026-03-02T19:00:00Z');
    expect(dueBreaches(incident(), late)).toEqual(['acknowledge', 'resolve']);
    expect(dueBreaches(incident({ ackBreachedAt: late }), late)).toEqual(['resolve']);
    expect(dueBreaches(incident({ ackBreachedAt: late, resolveBreachedAt: late }), late)).toEqual([]);
  });

  it('the deadline to resolve holds while open and not once settled', () => {
    const late = at('2026-03-02T19:00:00Z');
    expect(dueBreaches(incident({ status: 'in_progress' }), late)).toEqual(['resolve']);
    for (const status of ['resolved', 'rejected', 'closed'] as const) expect(dueBreaches(incident({ status }), late)).toEqual([]);
  });
});

describe('isBreached', () => {
  const when = new Date();
  it('is true while the passed deadline is unmet', () => {
    expect(isBreached({ status: 'new', ackBreachedAt: when, resolveBreachedAt: null })).toBe(true);
    expect(isBreached({ status: 'acknowledged', ackBreachedAt: when, resolveBreachedAt: null })).toBe(false);
    expect(isBreached({ status: 'in_progress', ackBreachedAt: null, resolveBreachedAt: when })).toBe(true);
    expect(isBreached({ status: 'resolved', ackBreachedAt: when, resolveBreachedAt: when })).toBe(false);
  });
});
