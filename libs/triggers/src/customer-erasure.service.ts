import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, type Clock, NotFoundError } from '@turbota/common';
import { CustomerEntity } from '@turbota/persistence';
import { customerReferences } from './customer-references';

/** What erased words, an erased transcript message and an erased dialogue state read as. */
export const ERASED_TEXT = '(erased)';
const ERASED_BODY = JSON.stringify({ kind: 'text', text: ERASED_TEXT });
const ERASED_STATE = JSON.stringify({ step: { at: 'stopped' }, lastVariants: {} });

/** The statements that remove a customer's personal data, each with `$1` = customer id and `$2` = now. */
const ERASURES = [
  // Inputs still waiting in the inbound queue (a peak, or given up on) go before their addresses do.
  `DELETE FROM inbound_update u USING customer_identity i WHERE i.customer_id = $1 AND u.channel = i.channel AND u.address = i.address`,
  // Addresses and platform references go; the identities stay (their conversations hang on them) and can never be written to.
  `UPDATE customer_identity SET address = 'erased:' || id, reference = NULL, unreachable_at = coalesce(unreachable_at, $2) WHERE customer_id = $1`,
  `UPDATE message SET delivery = 'failed', next_attempt_at = NULL, last_error = 'the customer was erased'
   WHERE delivery = 'pending' AND identity_id IN (SELECT id FROM customer_identity WHERE customer_id = $1)`,
  `UPDATE message SET body = '${ERASED_BODY}'::jsonb WHERE identity_id IN (SELECT id FROM customer_identity WHERE customer_id = $1)`,
  `DELETE FROM conversation_input WHERE identity_id IN (SELECT id FROM customer_identity WHERE customer_id = $1)`,
  `UPDATE conversation SET state = '${ERASED_STATE}'::jsonb, status = CASE WHEN status = 'open' THEN 'stopped' ELSE status END,
          ended_at = coalesce(ended_at, $2) WHERE customer_id = $1`,
  `UPDATE complaint SET phone_sealed = NULL, email_sealed = NULL, phone_index = NULL WHERE customer_id = $1`,
  // Their own words go too (they may name people); scores and choices stay.
  `UPDATE complaint SET text = NULL WHERE customer_id = $1`,
  // A free-text answer or a feedback note has nothing else, and a row must keep some content: it reads "(erased)".
  `UPDATE answer SET text = CASE WHEN score IS NULL AND choice IS NULL THEN '${ERASED_TEXT}' END WHERE customer_id = $1 AND text IS NOT NULL`,
  `UPDATE organic_feedback SET text = '${ERASED_TEXT}', voice_file_id = NULL WHERE customer_id = $1`,
  `UPDATE incident SET text = NULL WHERE customer_id = $1`,
  // The supervisors' Slack messages of their incidents are drawn again, without contact or words.
  `INSERT INTO staff_notice (kind, incident_id, status, attempts, next_attempt_at, created_at)
   SELECT 'incident_changed', id, 'pending', 0, $2, $2 FROM incident WHERE customer_id = $1`,
  `UPDATE contact SET phone_sealed = NULL, email_sealed = NULL, phone_index = NULL, email_index = NULL, identity_id = NULL,
          respond_by = NULL, remind_at = NULL, cancelled_at = CASE WHEN decision = 'scheduled' AND invited_at IS NULL THEN coalesce(cancelled_at, $2) END,
          cancel_reason = CASE WHEN decision = 'scheduled' AND invited_at IS NULL THEN coalesce(cancel_reason, 'unreachable') END
   WHERE customer_id = $1`,
  `UPDATE customer SET name_sealed = NULL, locale = NULL, erased_at = $2 WHERE id = $1`,
];

/**
 * Erases a customer's personal data everywhere (names, sealed phones and e-mails, their own
 * words, addresses on every channel, transcripts) in one transaction, and has the supervisors'
 * Slack messages of their incidents redrawn without them. Answers, complaints and contacts stay,
 * cut loose from the customer (customer id null), so every score is the same afterwards.
 */
@Injectable()
export class CustomerErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async erase(customerId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const customer = await tx.findOne(CustomerEntity, { where: { id: customerId }, lock: { mode: 'pessimistic_write' } });
      if (!customer || customer.erasedAt) throw new NotFoundError(`No customer ${customerId}`);
      // Dialogue steps of the customer lock their identities: wait for any in flight.
      await tx.query(`SELECT id FROM customer_identity WHERE customer_id = $1 FOR UPDATE`, [customerId]);
      const now = this.clock.now();
      // A statement that does not use the time must not get it: PostgreSQL refuses a parameter it cannot type.
      for (const statement of ERASURES) await tx.query(statement, statement.includes('$2') ? [customerId, now] : [customerId]);
      await detachFromCustomer(tx, customerId);
    });
  }
}

/**
 * Every nullable reference to the customer becomes null (answers, complaints, feedback,
 * contacts, and what later features add), read from the catalogue so that none is missed.
 * Required references (identities, conversations) keep pointing at the emptied customer row.
 */
async function detachFromCustomer(tx: EntityManager, customerId: string): Promise<void> {
  for (const ref of await customerReferences(tx, { nullableOnly: true })) {
    await tx.query(`UPDATE ${ref.table} SET "${ref.column}" = NULL WHERE "${ref.column}" = $1`, [customerId]);
  }
}
