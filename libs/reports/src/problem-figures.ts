import { median } from '@turbota/statistics';

/** The facts of one problem the figures need. */
export interface ProblemFacts {
  status: string;
  dimension: string;
  reasonCode: string;
  createdAt: Date;
  fixedAt: Date | null;
  incidents: number;
}

/** Problems by status and by what repeats, with the time to fix and the reasons behind most incidents. */
export interface ProblemsReport {
  total: number;
  byStatus: Record<string, number>;
  byDimension: Record<string, number>;
  medianDaysToFix: number | null;
  reasons: { reasonCode: string; problems: number; incidents: number }[];
}

export function problemsReport(problems: readonly ProblemFacts[]): ProblemsReport {
  const byStatus: Record<string, number> = { open: 0, investigating: 0, fixed: 0 };
  const byDimension: Record<string, number> = { point_of_service: 0, agent: 0, service_type: 0 };
  const reasons = new Map<string, { reasonCode: string; problems: number; incidents: number }>();
  for (const p of problems) {
    byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
    byDimension[p.dimension] = (byDimension[p.dimension] ?? 0) + 1;
    const reason = reasons.get(p.reasonCode) ?? { reasonCode: p.reasonCode, problems: 0, incidents: 0 };
    reason.problems += 1;
    reason.incidents += p.incidents;
    reasons.set(p.reasonCode, reason);
  }
  const daysToFix = problems.flatMap((p) => (p.fixedAt ? [(p.fixedAt.getTime() - p.createdAt.getTime()) / 86_400_000] : []));
  return {
    total: problems.length,
    byStatus,
    byDimension,
    medianDaysToFix: median(daysToFix),
    reasons: [...reasons.values()].sort((a, b) => b.incidents - a.incidents || b.problems - a.problems || a.reasonCode.localeCompare(b.reasonCode)),
  };
}
