import type { EntityManager } from 'typeorm';
import { execute, qb } from '@turbota/persistence';
import type { SmsReport, SmsStatus } from './sms/sms-provider';

/** The statuses a report of each kind may move an invitation from: forward only, and `delivered` and `failed` are final. */
const MOVES_FROM: Record<SmsStatus, string[]> = {
  accepted: ['pending'],
  sent: ['pending', 'accepted'],
  delivered: ['pending', 'accepted', 'sent'],
  failed: ['pending', 'accepted', 'sent'],
};

/**
 * Records a provider's reports of the invitations it took (an SMS provider's delivery reports,
 * WhatsApp's statuses of the invitation template), by the provider's message id. A report
 * repeated or out of order changes nothing: a status only moves forward.
 */
export async function recordInvitationReports(manager: EntityManager, provider: string, reports: readonly SmsReport[], now: Date): Promise<void> {
  for (const report of reports) {
    await execute(
      manager,
      qb
        .updateTable('invitation_message')
        .set({ status: report.status, reported_at: now, ...(report.error ? { last_error: report.error } : {}) })
        .where('provider', '=', provider)
        .where('provider_message_id', '=', report.providerMessageId)
        .where('status', 'in', MOVES_FROM[report.status]),
    );
  }
}
