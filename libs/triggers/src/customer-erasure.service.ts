import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type ExpressionBuilder, sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { type Clock, CLOCK, NotFoundError } from '@turbota/common';
import { CustomerEntity, type Database, execute, qb, type TypedQuery } from '@turbota/persistence';
import { customerReferences } from './customer-references';

/** What erased words, an erased transcript message and an erased dialogue state read as. */
export const ERASED_TEXT = '(erased)';
const ERASED_BODY = JSON.stringify({ kind: 'text', text: ERASED_TEXT });
const ERASED_STATE = JSON.stringify({ step: { at: 'stopped' }, lastVariants: {} });

/** The statements that remove a customer's personal data, in this order. */
function erasures(customerId: string, now: Date): TypedQuery<unknown>[] {
  const identities = qb.selectFrom('customer_identity').select('id').where('customer_id', '=', customerId);
  const ifScheduled = (eb: ExpressionBuilder<Database, 'contact'>) => eb.and([eb('decision', '=', 'scheduled'), eb('invited_at', 'is', null)]);
  return [
    // Inputs still waiting in the inbound queue (a peak, or given up on) go before their addresses do.
    qb
      .deleteFrom('inbound_update as u')
      .using('customer_identity as i')
      .where('i.customer_id', '=', customerId)
      .whereRef('u.channel', '=', 'i.channel')
      .whereRef('u.address', '=', 'i.address'),
    // Addresses and platform references go; the identities stay (their conversations hang on them) and can never be written to.
    qb
      .updateTable('customer_identity')
      .set((eb) => ({ address: sql<string>`'erased:' || ${eb.ref('id')}`, reference: null, unreachable_at: eb.fn.coalesce('unreachable_at', eb.val(now)) }))
      .where('customer_id', '=', customerId),
    qb
      .updateTable('message')
      .set({ delivery: 'failed', next_attempt_at: null, last_error: 'the customer was erased' })
      .where('delivery', '=', 'pending')
      .where('identity_id', 'in', identities),
    qb.updateTable('message').set({ body: sql`${ERASED_BODY}::jsonb` }).where('identity_id', 'in', identities),
    qb.deleteFrom('conversation_input').where('identity_id', 'in', identities),
    qb
      .updateTable('conversation')
      .set((eb) => ({
        state: sql`${ERASED_STATE}::jsonb`,
        status: eb.case().when('status', '=', 'open').then('stopped').else(eb.ref('status')).end(),
        ended_at: eb.fn.coalesce('ended_at', eb.val(now)),
      }))
      .where('customer_id', '=', customerId),
    qb.updateTable('complaint').set({ phone_sealed: null, email_sealed: null, phone_index: null }).where('customer_id', '=', customerId),
    // Their own words go too (they may name people); scores and choices stay.
    qb.updateTable('complaint').set({ text: null }).where('customer_id', '=', customerId),
    // A free-text answer or a feedback note has nothing else, and a row must keep some content: it reads "(erased)".
    qb
      .updateTable('answer')
      .set((eb) => ({ text: eb.case().when(eb.and([eb('score', 'is', null), eb('choice', 'is', null)])).then(ERASED_TEXT).end() }))
      .where('customer_id', '=', customerId)
      .where('text', 'is not', null),
    qb.updateTable('organic_feedback').set({ text: ERASED_TEXT, voice_file_id: null }).where('customer_id', '=', customerId),
    qb.updateTable('incident').set({ text: null }).where('customer_id', '=', customerId),
    // The supervisors' Slack messages of their incidents are drawn again, without contact or words.
    qb
      .insertInto('staff_notice')
      .columns(['kind', 'incident_id', 'status', 'attempts', 'next_attempt_at', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('incident')
          .select([sql.lit('incident_changed').as('kind'), 'id', sql.lit('pending').as('status'), sql.lit(0).as('attempts'), eb.val(now).as('next_attempt_at'), eb.val(now).as('created_at')])
          .where('customer_id', '=', customerId),
      ),
    qb
      .updateTable('contact')
      .set((eb) => ({
        phone_sealed: null,
        email_sealed: null,
        phone_index: null,
        email_index: null,
        identity_id: null,
        respond_by: null,
        remind_at: null,
        cancelled_at: eb.case().when(ifScheduled(eb)).then(eb.fn.coalesce('cancelled_at', eb.val(now))).end(),
        cancel_reason: eb.case().when(ifScheduled(eb)).then(eb.fn.coalesce('cancel_reason', eb.val('unreachable'))).end(),
      }))
      .where('customer_id', '=', customerId),
    qb.updateTable('customer').set({ name_sealed: null, locale: null, erased_at: now }).where('id', '=', customerId),
  ];
}

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
      await execute(tx, qb.selectFrom('customer_identity').select('id').where('customer_id', '=', customerId).forUpdate());
      for (const statement of erasures(customerId, this.clock.now())) await execute(tx, statement);
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
    // The table as regclass prints it, the column as the catalogue names it: not in the generated types.
    await execute(tx, sql`UPDATE ${sql.raw(ref.table)} SET ${sql.id(ref.column)} = NULL WHERE ${sql.id(ref.column)} = ${customerId}`);
  }
}
