/** What repeated incidents may have in common besides the reason, as the `problem` table names it. */
export const PROBLEM_DIMENSIONS = ['point_of_service', 'agent', 'service_type'] as const;
export type ProblemDimension = (typeof PROBLEM_DIMENSIONS)[number];

/**
 * When repeated incidents become a problem: `minIncidents` with one reason and one value of a
 * dimension within `windowDays`, from at least `minCustomers` distinct customers.
 */
export interface ProblemRule {
  minIncidents: number;
  /** One person repeating a complaint is one voice: anyone can open a web chat many times. */
  minCustomers: number;
  windowDays: number;
  /** Checked in this order; the first that gathers enough incidents names the problem. */
  dimensions: ProblemDimension[];
}

/** An incident as problem detection sees it. */
export interface ProblemCandidate {
  id: string;
  /** Who complained: the customer, and the blind index of the phone they left (hex); either may be unknown. */
  customerId: string | null;
  contactKey: string | null;
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
export function dimensionValue(incident: Pick<ProblemCandidate, 'pointOfService' | 'agent' | 'serviceType'>, dimension: ProblemDimension): string | null {
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
    if (members.length < rule.minIncidents || distinctCustomers(members) < rule.minCustomers) continue;
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

/**
 * How many people the incidents come from: two incidents are one person when they share the
 * customer or the contact's blind index (one phone typed into several web chat sessions); an
 * incident with neither (an integration's report without a phone) counts as its own.
 */
export function distinctCustomers(incidents: Pick<ProblemCandidate, 'id' | 'customerId' | 'contactKey'>[]): number {
  const parent = new Map<string, string>();
  const root = (key: string): string => {
    let at = key;
    while (parent.get(at) !== at) at = parent.get(at)!;
    return at;
  };
  const join = (a: string, b: string) => parent.set(root(a), root(b));
  for (const incident of incidents) {
    const keys = [incident.customerId && `c:${incident.customerId}`, incident.contactKey && `p:${incident.contactKey}`].filter((k): k is string => Boolean(k));
    if (keys.length === 0) keys.push(`i:${incident.id}`);
    for (const key of keys) if (!parent.has(key)) parent.set(key, key);
    for (const key of keys.slice(1)) join(key, keys[0]);
  }
  return new Set([...parent.keys()].map(root)).size;
}
