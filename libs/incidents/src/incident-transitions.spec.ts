import { INCIDENT_ACTIONS, INCIDENT_STATUSES, type IncidentAction, type IncidentStatus } from './incident.model';
import {
  allowedActions,
  checkCommand,
  type IncidentFacts,
  IllegalTransitionError,
  InvalidCommandError,
  planCustomerAnswer,
  planTransition,
} from './incident-transitions';
import type { SlaPolicy } from './sla-policy';

const SLA: SlaPolicy = {
  high: { acknowledgeMinutes: 30, resolveMinutes: 480 },
  normal: { acknowledgeMinutes: 120, resolveMinutes: 1440 },
  low: { acknowledgeMinutes: 480, resolveMinutes: 4320 },
};
const NOW = new Date('2026-03-02T10:00:00Z');
const EARLIER = new Date('2026-03-01T09:00:00Z');

const facts = (status: IncidentStatus, overrides: Partial<IncidentFacts> = {}): IncidentFacts => ({
  status,
  priority: 'high',
  escalationLevel: 0,
  acknowledgedAt: status === 'new' ? null : EARLIER,
  ...overrides,
});

/** Every legal (status, action) pair and where it leads; any pair not listed is illegal. */
const LEGAL: Record<IncidentStatus, Partial<Record<IncidentAction, IncidentStatus>>> = {
  new: { acknowledge: 'acknowledged', start: 'in_progress', resolve: 'resolved', reject: 'rejected', escalate: 'new' },
  acknowledged: { start: 'in_progress', resolve: 'resolved', reject: 'rejected', escalate: 'acknowledged' },
  in_progress: { resolve: 'resolved', reject: 'rejected', escalate: 'in_progress' },
  resolved: { close: 'closed', reopen: 'acknowledged' },
  rejected: { close: 'closed', reopen: 'acknowledged' },
  closed: { reopen: 'acknowledged' },
};

describe('incident state machine', () => {
  const pairs = INCIDENT_STATUSES.flatMap((status) => INCIDENT_ACTIONS.map((action) => [status, action] as const));

  it.each(pairs.filter(([status, action]) => LEGAL[status][action]))('%s --%s--> the listed status', (status, action) => {
    const change = planTransition(facts(status), { action, justified: true }, { now: NOW, sla: SLA });
    expect(change.status).toBe(LEGAL[status][action]);
  });

  it.each(pairs.filter(([status, action]) => !LEGAL[status][action]))('refuses %s --%s--> with what is allowed', (status, action) => {
    const attempt = () => planTransition(facts(status), { action, justified: true }, { now: NOW, sla: SLA });
    expect(attempt).toThrow(IllegalTransitionError);
    const allowed = Object.keys(LEGAL[status]);
    expect(attempt).toThrow(`Cannot ${action} an incident that is ${status.replace('_', ' ')}; from ${status} you may: ${allowed.join(', ')}`);
  });

  it('lists the allowed actions of each status in the order of INCIDENT_ACTIONS', () => {
    for (const status of INCIDENT_STATUSES) {
      expect(allowedActions(status)).toEqual(INCIDENT_ACTIONS.filter((a) => LEGAL[status][a]));
    }
  });

  it('stamps acknowledgement once: on acknowledge, or on settling an incident straight from new', () => {
    expect(planTransition(facts('new'), { action: 'acknowledge' }, { now: NOW, sla: SLA }).acknowledgedAt).toEqual(NOW);
    expect(planTransition(facts('new'), { action: 'reject' }, { now: NOW, sla: SLA }).acknowledgedAt).toEqual(NOW);
    expect(planTransition(facts('acknowledged'), { action: 'start' }, { now: NOW, sla: SLA })).not.toHaveProperty('acknowledgedAt');
  });

  it('records the outcome: resolve keeps what was said about justification, reject means not justified', () => {
    expect(planTransition(facts('in_progress'), { action: 'resolve', justified: false }, { now: NOW, sla: SLA })).toEqual({
      status: 'resolved',
      resolvedAt: NOW,
      justified: false,
    });
    expect(planTransition(facts('acknowledged'), { action: 'reject' }, { now: NOW, sla: SLA })).toEqual({
      status: 'rejected',
      rejectedAt: NOW,
      justified: false,
    });
  });

  it('escalate keeps the status and raises the level', () => {
    expect(planTransition(facts('in_progress', { escalationLevel: 2 }), { action: 'escalate' }, { now: NOW, sla: SLA })).toEqual({
      status: 'in_progress',
      escalationLevel: 3,
    });
  });

  it('reopen clears the outcome and sets a new deadline to resolve by the priority', () => {
    const change = planTransition(facts('closed', { priority: 'normal' }), { action: 'reopen' }, { now: NOW, sla: SLA });
    expect(change).toEqual({
      status: 'acknowledged',
      resolvedAt: null,
      rejectedAt: null,
      closedAt: null,
      justified: null,
      resolveBy: new Date('2026-03-03T10:00:00Z'),
      resolveBreachedAt: null,
    });
  });
});

describe('checkCommand', () => {
  it('needs a note to reject and a note and justified to resolve', () => {
    expect(() => checkCommand({ action: 'reject' })).toThrow('reject needs a note');
    expect(() => checkCommand({ action: 'reject', note: '   ' })).toThrow(InvalidCommandError);
    expect(() => checkCommand({ action: 'resolve', justified: true })).toThrow('resolve needs a note');
    expect(() => checkCommand({ action: 'resolve', note: 'Called back' })).toThrow('resolve needs justified');
    expect(checkCommand({ action: 'resolve', note: ' Called back ', justified: true })).toBe('Called back');
    expect(checkCommand({ action: 'reject', note: 'Outside our competence' })).toBe('Outside our competence');
  });

  it('takes an optional note elsewhere, refuses justified outside resolve and unknown actions', () => {
    expect(checkCommand({ action: 'acknowledge' })).toBeNull();
    expect(checkCommand({ action: 'escalate', note: 'Regional manager' })).toBe('Regional manager');
    expect(() => checkCommand({ action: 'acknowledge', justified: true })).toThrow('justified belongs to resolve only');
    expect(() => checkCommand({ action: 'archive' })).toThrow('action must be one of acknowledge, start, resolve, reject, close, reopen, escalate');
  });
});

describe('planCustomerAnswer', () => {
  it('"solved" closes a resolved or rejected incident', () => {
    for (const status of ['resolved', 'rejected'] as const) {
      expect(planCustomerAnswer(facts(status), true, { now: NOW, sla: SLA })).toEqual({
        action: 'customer_confirmed',
        change: { status: 'closed', closedAt: NOW },
      });
    }
  });

  it('"not solved" reopens a settled or closed incident with a fresh deadline', () => {
    for (const status of ['resolved', 'rejected', 'closed'] as const) {
      const answer = planCustomerAnswer(facts(status), false, { now: NOW, sla: SLA });
      expect(answer.action).toBe('customer_disputed');
      expect(answer.change).toMatchObject({ status: 'acknowledged', resolveBy: new Date('2026-03-02T18:00:00Z') });
    }
  });

  it('refuses an answer for an incident still being worked, or "solved" for a closed one', () => {
    for (const status of ['new', 'acknowledged', 'in_progress'] as const) {
      expect(() => planCustomerAnswer(facts(status), true, { now: NOW, sla: SLA })).toThrow(IllegalTransitionError);
      expect(() => planCustomerAnswer(facts(status), false, { now: NOW, sla: SLA })).toThrow(IllegalTransitionError);
    }
    expect(() => planCustomerAnswer(facts('closed'), true, { now: NOW, sla: SLA })).toThrow('Cannot confirm as solved an incident that is closed');
  });
});
