import type { IncidentDetail, IncidentView } from '@turbota/incidents';

/** When the sample incident was created: its deadlines follow (acknowledge by 09:30, resolve by 17:00). */
export const INCIDENT_CREATED = new Date('2026-03-02T09:00:00.000Z');

/** An open, new incident of a complaint as the incidents library answers it, for the supervisors' Slack specs. */
export function incidentView(overrides: Partial<IncidentView> = {}): IncidentView {
  return {
    id: '0b8f6a52-5d1e-4a4e-9a57-2f4c1f3f5e01',
    number: 42,
    status: 'new',
    priority: 'high',
    version: 3,
    escalationLevel: 0,
    justified: null,
    complaintId: 'c',
    customerId: null,
    problemId: null,
    problemNumber: null,
    reasonCode: 'waiting',
    text: 'Waited <40> minutes & nobody came',
    metric: 'nps',
    score: 2,
    contact: { phone: '+380 ••• ••• 67', email: 'o•••@example.com', masked: true },
    attributes: { channel: 'telegram', locale: 'uk', agent: 'agent-7', pointOfService: 'kyiv-central', serviceType: 'loans' },
    standardVersion: 2,
    acknowledgeBy: new Date('2026-03-02T09:30:00.000Z'),
    resolveBy: new Date('2026-03-02T17:00:00.000Z'),
    acknowledgedAt: null,
    resolvedAt: null,
    rejectedAt: null,
    closedAt: null,
    ackBreachedAt: null,
    resolveBreachedAt: null,
    breached: false,
    createdAt: INCIDENT_CREATED,
    updatedAt: INCIDENT_CREATED,
    source: 'dialogue',
    externalId: null,
    allowedActions: ['acknowledge', 'start', 'resolve', 'reject', 'escalate'],
    slack: null,
    owner: null,
    ...overrides,
  };
}

/** The same incident with its history, the standard's next steps and an empty transcript. */
export function incidentDetail(overrides: Partial<IncidentDetail> = {}): IncidentDetail {
  return {
    ...incidentView(),
    history: [{ at: INCIDENT_CREATED, action: 'create', from: null, to: 'new', actor: { kind: 'customer', id: 'cu-1' }, note: null }],
    nextSteps: {
      event: 'complaint_with_contacts',
      locale: 'uk',
      tasksLocale: 'en',
      version: 2,
      tasks: ['Call the customer back within the hour'],
      actions: [{ action: 'apologise', phrases: ['Перепрошуємо, це наша помилка', 'Нам дуже шкода'] }],
    },
    transcript: [],
    ...overrides,
  };
}
