import { INCIDENT_PRIORITIES, type IncidentPriority } from './incident.model';

/**
 * One rule of `config/incidents.json`: the priority of a complaint that meets every condition
 * given (the metric, the score within [scoreFrom, scoreTo], the reason among `reasons`).
 */
export interface PriorityRule {
  priority: IncidentPriority;
  metric?: string;
  scoreFrom?: number;
  scoreTo?: number;
  reasons?: string[];
}

/** How a complaint's priority is decided: the most urgent matching rule, else the default. */
export interface PriorityPolicy {
  default: IncidentPriority;
  rules: PriorityRule[];
}

/** What a complaint tells about its urgency. */
export interface ComplaintFacts {
  metric: string | null;
  score: number | null;
  reasonCode: string | null;
}

/**
 * The priority of a complaint. The most urgent matching rule wins, not the first, so that
 * a rule lowering passives' complaints never hides an "impolite" one.
 */
export function priorityOf(complaint: ComplaintFacts, policy: PriorityPolicy): IncidentPriority {
  const matched = policy.rules.filter((rule) => matches(rule, complaint)).map((rule) => rule.priority);
  return INCIDENT_PRIORITIES.find((priority) => matched.includes(priority)) ?? policy.default;
}

function matches(rule: PriorityRule, complaint: ComplaintFacts): boolean {
  if (rule.metric !== undefined && rule.metric !== complaint.metric) return false;
  if (rule.reasons !== undefined && (complaint.reasonCode === null || !rule.reasons.includes(complaint.reasonCode))) return false;
  if (rule.scoreFrom === undefined && rule.scoreTo === undefined) return true;
  if (complaint.score === null) return false;
  return complaint.score >= (rule.scoreFrom ?? -Infinity) && complaint.score <= (rule.scoreTo ?? Infinity);
}
