import type { IncidentHistoryEntry } from './incident.model';
import { type IncidentMoment, standardEventFor } from './incident-standard-event';

const at = new Date('2026-03-02T10:00:00Z');
const moment = (overrides: Partial<IncidentMoment>): IncidentMoment => ({
  status: 'new',
  ackBreachedAt: null,
  resolveBreachedAt: null,
  resolvedAt: null,
  history: [{ action: 'create' }],
  ...overrides,
});
const history = (...actions: IncidentHistoryEntry['action'][]) => actions.map((action) => ({ action }));

describe('standardEventFor', () => {
  it('follows the status', () => {
    expect(standardEventFor(moment({ status: 'new' }))).toBe('complaint_with_contacts');
    expect(standardEventFor(moment({ status: 'acknowledged' }))).toBe('incident_acknowledged');
    expect(standardEventFor(moment({ status: 'in_progress' }))).toBe('incident_acknowledged');
    expect(standardEventFor(moment({ status: 'resolved', resolvedAt: at }))).toBe('incident_resolved');
    expect(standardEventFor(moment({ status: 'rejected' }))).toBe('incident_rejected');
  });

  it('a closed incident keeps the event of how it was settled', () => {
    expect(standardEventFor(moment({ status: 'closed', resolvedAt: at }))).toBe('incident_resolved');
    expect(standardEventFor(moment({ status: 'closed', resolvedAt: null }))).toBe('incident_rejected');
  });

  it('a passed deadline that is still unmet comes first', () => {
    expect(standardEventFor(moment({ status: 'new', ackBreachedAt: at }))).toBe('sla_breached');
    expect(standardEventFor(moment({ status: 'in_progress', resolveBreachedAt: at }))).toBe('sla_breached');
    expect(standardEventFor(moment({ status: 'acknowledged', ackBreachedAt: at }))).toBe('incident_acknowledged');
  });

  it('a reopening by the customer is customer_not_resolved until a staff reopening replaces it', () => {
    expect(standardEventFor(moment({ status: 'acknowledged', history: history('create', 'acknowledge', 'resolve', 'customer_disputed') }))).toBe(
      'customer_not_resolved',
    );
    expect(
      standardEventFor(moment({ status: 'in_progress', history: history('create', 'resolve', 'customer_disputed', 'start') })),
    ).toBe('customer_not_resolved');
    expect(
      standardEventFor(moment({ status: 'acknowledged', history: history('create', 'resolve', 'customer_disputed', 'resolve', 'reopen') })),
    ).toBe('incident_acknowledged');
  });
});
