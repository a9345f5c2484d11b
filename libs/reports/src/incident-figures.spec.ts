import { wilsonInterval } from '@turbota/statistics';
import { IncidentFacts, incidentFigures, incidentsReport } from './incident-figures';

const T0 = Date.parse('2026-03-01T09:00:00Z');
const minutes = (m: number) => new Date(T0 + m * 60_000);
const incident = (overrides: Partial<IncidentFacts>): IncidentFacts => ({
  status: 'new',
  priority: 'normal',
  createdAt: minutes(0),
  acknowledgedAt: null,
  resolvedAt: null,
  breached: false,
  ...overrides,
});

describe('incident figures', () => {
  const incidents = [
    incident({ status: 'resolved', acknowledgedAt: minutes(10), resolvedAt: minutes(120) }),
    incident({ status: 'closed', acknowledgedAt: minutes(30), resolvedAt: minutes(240), priority: 'high' }),
    incident({ status: 'resolved', acknowledgedAt: minutes(90), resolvedAt: minutes(600), breached: true }),
    incident({ status: 'rejected', acknowledgedAt: minutes(20) }),
    incident({ status: 'new' }),
  ];

  it('counts SLA compliance over incidents whose outcome is known: an open, unbreached one could still go either way', () => {
    const figures = incidentFigures(incidents);
    expect(figures.slaCompliance).toMatchObject({ met: 3, breached: 1, value: 75 });
    const [low, high] = wilsonInterval(3, 4)!;
    expect(figures.slaCompliance.ci95).toEqual([100 * low, 100 * high]);
  });

  it('gives the median minutes to acknowledge and to resolve, and counts by status', () => {
    const figures = incidentFigures(incidents);
    expect(figures.medianMinutesToAcknowledge).toBe(25);
    expect(figures.medianMinutesToResolve).toBe(240);
    expect(figures.byStatus).toMatchObject({ new: 1, resolved: 2, closed: 1, rejected: 1, acknowledged: 0 });
  });

  it('breaks the figures down by priority, listing every priority even without incidents', () => {
    const report = incidentsReport(incidents);
    expect(report.byPriority.map((p) => [p.priority, p.total])).toEqual([['high', 1], ['normal', 4], ['low', 0]]);
    expect(report.byPriority[2]).toMatchObject({ slaCompliance: { value: null, ci95: null }, medianMinutesToResolve: null });
  });
});
