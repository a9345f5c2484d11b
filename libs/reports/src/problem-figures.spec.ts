import { problemsReport } from './problem-figures';

const at = (day: number) => new Date(Date.UTC(2026, 2, day));

describe('problemsReport', () => {
  it('counts problems by status and dimension, the median days to fix, and the reasons behind most incidents first', () => {
    const report = problemsReport([
      { status: 'fixed', dimension: 'agent', reasonCode: 'rude', createdAt: at(1), fixedAt: at(3), incidents: 3 },
      { status: 'fixed', dimension: 'point_of_service', reasonCode: 'queue', createdAt: at(1), fixedAt: at(7), incidents: 4 },
      { status: 'open', dimension: 'point_of_service', reasonCode: 'queue', createdAt: at(5), fixedAt: null, incidents: 5 },
    ]);
    expect(report).toEqual({
      total: 3,
      byStatus: { open: 1, investigating: 0, fixed: 2 },
      byDimension: { point_of_service: 2, agent: 1, service_type: 0 },
      medianDaysToFix: 4,
      reasons: [
        { reasonCode: 'queue', problems: 2, incidents: 9 },
        { reasonCode: 'rude', problems: 1, incidents: 3 },
      ],
    });
  });
});
