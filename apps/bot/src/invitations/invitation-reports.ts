import { executeCount, qb, type QueryTarget } from '@turbota/persistence';
import type { SmsReport, SmsStatus } from './sms/sms-provider';

/** The statuses a report of each kind may move an invitation from: forward only, and `delivered` and `failed` are final. */
const MOVES_FROM: Record<SmsStatus, string[]> = {
  accepted: ['pending'],
  sent: ['pending', 'accepted'],
  delivered: ['pending', 'accepted', 'sent'],
  failed: ['pending', 'accepted', 'sent'],
};

/**
 * Records a provider's report of an invitation it took (an SMS provider's delivery report,
 * WhatsApp's status of the invitation template), by the provider's message id, as of `at`. A
 * report repeated or out of order changes nothing: a status only moves forward. Answers how
 * many invitations it moved (none for a report of a message not recorded, or not moving it).
 */
export function recordInvitationReport(on: QueryTarget, provider: string, report: SmsReport, at: Date): Promise<number> {
  return executeCount(
    on,
    qb
      .updateTable('invitation_message')
      .set({ status: report.status, reported_at: at, ...(report.error ? { last_error: report.error } : {}) })
      .where('provider', '=', provider)
      .where('provider_message_id', '=', report.providerMessageId)
      .where('status', 'in', MOVES_FROM[report.status]),
  );
}
