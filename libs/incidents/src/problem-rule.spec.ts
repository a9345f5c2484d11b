import { detectProblem, type ProblemCandidate, type ProblemRule } from './problem-rule';

const RULE: ProblemRule = { minIncidents: 3, windowDays: 7, dimensions: ['point_of_service', 'agent', 'service_type'] };
const DAY = 86_400_000;
const NOW = new Date('2026-03-10T12:00:00Z');

let next = 0;
const incident = (overrides: Partial<ProblemCandidate> = {}): ProblemCandidate => ({
  id: `i${++next}`,
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
