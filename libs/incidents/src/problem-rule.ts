/** What repeated incidents may have in common besides the reason, as the `problem` table names it. */
export const PROBLEM_DIMENSIONS = ['point_of_service', 'agent', 'service_type'] as const;
export type ProblemDimension = (typeof PROBLEM_DIMENSIONS)[number];

/** When repeated incidents become a problem: `minIncidents` with one reason and one value of a dimension within `windowDays`. */
export interface ProblemRule {
  minIncidents: number;
  windowDays: number;
  /** Checked in this order; the first that gathers enough incidents names the problem. */
  dimensions: ProblemDimension[];
}

/** An incident as problem detection sees it. */
export interface ProblemCandidate {
  id: string;
  reasonCode: string | null;
  pointOfService: string | null;
  agent: string | null;
  serviceType: string | null;
  createdAt: Date;
}

/** A cluster of incidents that makes a problem. */
export interface DetectedProblem {
  reasonCode: string;
  dimension: ProblemDimension;
  value: string;
  incidentIds: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
}

const DAY_MS = 86_400_000;

/** The value of a dimension on an incident; null when the contact did not say. */
export function dimensionValue(incident: Omit<ProblemCandidate, 'id' | 'createdAt' | 'reasonCode'>, dimension: ProblemDimension): string | null {
  switch (dimension) {
    case 'point_of_service':
      return incident.pointOfService;
    case 'agent':
      return incident.agent;
    case 'service_type':
      return incident.serviceType;
  }
}

/**
 * Whether `incident` completes a problem with the `others` (incidents not yet part of one):
 * the same reason and the same value of a dimension, all within the window that ends at the
 * incident. A complaint without a reason code joins no problem: "the same reason" is unknown.
 */
export function detectProblem(incident: ProblemCandidate, others: ProblemCandidate[], rule: ProblemRule): DetectedProblem | null {
  if (!incident.reasonCode) return null;
  const since = incident.createdAt.getTime() - rule.windowDays * DAY_MS;
  const peers = others.filter(
    (o) => o.id !== incident.id && o.reasonCode === incident.reasonCode && o.createdAt.getTime() >= since && o.createdAt <= incident.createdAt,
  );
  for (const dimension of rule.dimensions) {
    const value = dimensionValue(incident, dimension);
    if (value === null) continue;
    const members = [...peers.filter((p) => dimensionValue(p, dimension) === value), incident];
    if (members.length < rule.minIncidents) continue;
    const times = members.map((m) => m.createdAt.getTime());
    return {
      reasonCode: incident.reasonCode,
      dimension,
      value,
      incidentIds: members.map((m) => m.id),
      firstSeenAt: new Date(Math.min(...times)),
      lastSeenAt: new Date(Math.max(...times)),
    };
  }
  return null;
}
