import { detectProblem, distinctCustomers, type ProblemCandidate, type ProblemRule } from './problem-rule';

const RULE: ProblemRule = { minIncidents: 3, minCustomers: 2, windowDays: 7, dimensions: ['point_of_service', 'agent', 'service_type'] };
const DAY = 86_400_000;
const NOW = new Date('2026-03-10T12:00:00Z');

let next = 0;
const incident = (overrides: Partial<ProblemCandidate> = {}): ProblemCandidate => ({
  id: `i${++next}`,
  customerId: `c${next}`,
  contactKey: null,
  reasonCode: 'waiting',
  pointOfService: 'kyiv-central',
  agent: null,
  serviceType: null,
  createdAt: NOW,
  ...overrides,
});
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

describe('detectProblem (default rule: 3 with one reason at one point, agent or service type within 7 days)', () => {
  it('the third matching incident makes a problem, with every member and the span', () => {
    const others = [incident({ createdAt: daysAgo(6) }), incident({ createdAt: daysAgo(1) })];
    const third = incident();
    expect(detectProblem(third, others, RULE)).toEqual({
      reasonCode: 'waiting',
      dimension: 'point_of_service',
      value: 'kyiv-central',
      incidentIds: [others[0].id, others[1].id, third.id],
      firstSeenAt: daysAgo(6),
      lastSeenAt: NOW,
    });
  });

  it('two are not enough', () => {
    expect(detectProblem(incident(), [incident({ createdAt: daysAgo(1) })], RULE)).toBeNull();
  });

  it('different points of service, or different reasons, make no problem', () => {
    const others = [incident({ pointOfService: 'lviv' }), incident({ pointOfService: 'odesa' })];
    expect(detectProblem(incident(), others, RULE)).toBeNull();
    const otherReasons = [incident({ reasonCode: 'impolite' }), incident({ reasonCode: 'impolite' })];
    expect(detectProblem(incident(), otherReasons, RULE)).toBeNull();
  });

  it('incidents older than the window do not count', () => {
    const others = [incident({ createdAt: new Date(daysAgo(7).getTime() - 1) }), incident({ createdAt: daysAgo(2) })];
    expect(detectProblem(incident(), others, RULE)).toBeNull();
    expect(detectProblem(incident(), [incident({ createdAt: daysAgo(7) }), incident({ createdAt: daysAgo(2) })], RULE)).not.toBeNull();
  });

  it('the same agent at different points makes a problem named by the agent', () => {
    const others = [incident({ pointOfService: 'lviv', agent: 'olena' }), incident({ pointOfService: 'odesa', agent: 'olena' })];
    expect(detectProblem(incident({ agent: 'olena' }), others, RULE)).toMatchObject({ dimension: 'agent', value: 'olena' });
  });

  it('the dimensions are tried in the configured order', () => {
    const same = { pointOfService: 'lviv', serviceType: 'cards' };
    const others = [incident(same), incident(same)];
    expect(detectProblem(incident(same), others, RULE)).toMatchObject({ dimension: 'point_of_service' });
    expect(detectProblem(incident(same), others, { ...RULE, dimensions: ['service_type', 'point_of_service'] })).toMatchObject({
      dimension: 'service_type',
      value: 'cards',
    });
  });

  it('an unknown value never matches, nor does a complaint without a reason', () => {
    const blank = { pointOfService: null };
    expect(detectProblem(incident(blank), [incident(blank), incident(blank)], RULE)).toBeNull();
    const noReason = { reasonCode: null };
    expect(detectProblem(incident(noReason), [incident(noReason), incident(noReason)], RULE)).toBeNull();
  });

  it('a configurable threshold', () => {
    expect(detectProblem(incident(), [incident()], { ...RULE, minIncidents: 2 })).not.toBeNull();
  });
});

describe('problems need complaints from distinct customers (default 2)', () => {
  it('three incidents of one customer make no problem; a second customer completes it', () => {
    const one = { customerId: 'anon-1' };
    expect(detectProblem(incident(one), [incident(one), incident(one)], RULE)).toBeNull();
    expect(detectProblem(incident({ customerId: 'anon-2' }), [incident(one), incident(one)], RULE)).toMatchObject({ dimension: 'point_of_service', value: 'kyiv-central' });
  });

  it('one phone left in three anonymous sessions is one customer', () => {
    const samePhone = (customerId: string) => incident({ customerId, contactKey: 'ab12' });
    expect(detectProblem(samePhone('s3'), [samePhone('s1'), samePhone('s2')], RULE)).toBeNull();
    expect(detectProblem(samePhone('s3'), [samePhone('s1'), incident({ customerId: 's4', contactKey: 'cd34' })], RULE)).not.toBeNull();
  });

  it('the number of customers is configurable, and 1 lets one customer make a problem', () => {
    const one = { customerId: 'anon-1' };
    expect(detectProblem(incident(one), [incident(one), incident(one)], { ...RULE, minCustomers: 1 })).not.toBeNull();
    const two = [incident(one), incident({ customerId: 'anon-2' })];
    expect(detectProblem(incident(one), two, { ...RULE, minCustomers: 3 })).toBeNull();
  });
});

describe('distinctCustomers', () => {
  const row = (id: string, customerId: string | null, contactKey: string | null) => ({ id, customerId, contactKey });

  it('joins incidents that share a customer or a contact, transitively', () => {
    expect(distinctCustomers([row('1', 'a', 'p1'), row('2', 'b', 'p1'), row('3', 'b', 'p2'), row('4', 'c', 'p3')])).toBe(2);
  });

  it('counts an incident with neither as its own customer', () => {
    expect(distinctCustomers([row('1', null, null), row('2', null, null), row('3', null, 'p1'), row('4', null, 'p1')])).toBe(3);
  });
});
