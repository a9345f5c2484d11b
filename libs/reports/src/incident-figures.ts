import { median, wilsonInterval, type Estimate } from '@turbota/statistics';

/** The facts of one incident the figures need. */
export interface IncidentFacts {
  status: string;
  priority: string;
  createdAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  breached: boolean;
}

/** Kept within its SLA: the incidents settled without a breach out of those whose outcome is known. */
export type SlaCompliance = { met: number; breached: number } & Estimate;

/** Incident figures for one set of incidents. */
export interface IncidentFigures {
  total: number;
  byStatus: Record<string, number>;
  slaCompliance: SlaCompliance;
  medianMinutesToAcknowledge: number | null;
  medianMinutesToResolve: number | null;
}

/** Figures overall and per priority. */
export type IncidentsReport = IncidentFigures & { byPriority: ({ priority: string } & IncidentFigures)[] };

const SETTLED = new Set(['resolved', 'rejected', 'closed']);
const PRIORITIES = ['high', 'normal', 'low'];

export function incidentsReport(incidents: readonly IncidentFacts[]): IncidentsReport {
  const priorities = [...new Set([...PRIORITIES, ...incidents.map((i) => i.priority)])];
  return {
    ...incidentFigures(incidents),
    byPriority: priorities.map((priority) => ({ priority, ...incidentFigures(incidents.filter((i) => i.priority === priority)) })),
  };
}

/**
 * Counts by status, SLA compliance and median times. An open incident that has not breached
 * yet may still go either way, so it counts neither as met nor as breached.
 */
export function incidentFigures(incidents: readonly IncidentFacts[]): IncidentFigures {
  const byStatus: Record<string, number> = { new: 0, acknowledged: 0, in_progress: 0, resolved: 0, rejected: 0, closed: 0 };
  let met = 0;
  let breached = 0;
  for (const incident of incidents) {
    byStatus[incident.status] = (byStatus[incident.status] ?? 0) + 1;
    if (incident.breached) breached += 1;
    else if (SETTLED.has(incident.status)) met += 1;
  }
  const interval = wilsonInterval(met, met + breached);
  const compliance: Estimate = interval === null ? { value: null, ci95: null } : { value: (100 * met) / (met + breached), ci95: [100 * interval[0], 100 * interval[1]] };
  return {
    total: incidents.length,
    byStatus,
    slaCompliance: { met, breached, ...compliance },
    medianMinutesToAcknowledge: median(minutesBetween(incidents, (i) => i.acknowledgedAt)),
    medianMinutesToResolve: median(minutesBetween(incidents, (i) => i.resolvedAt)),
  };
}

function minutesBetween(incidents: readonly IncidentFacts[], end: (i: IncidentFacts) => Date | null): number[] {
  return incidents.flatMap((i) => {
    const at = end(i);
    return at ? [(at.getTime() - i.createdAt.getTime()) / 60_000] : [];
  });
}
