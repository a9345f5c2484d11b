import type { EntityManager } from 'typeorm';
import type { OutboundBody } from '@turbota/dialogue';
import { currentTraceparent } from '@turbota/observability';
import type { ConversationEntity, MessageDirection, MessageEntity } from '@turbota/persistence';

/**
 * The dialogue's hot path as plain parameterised SQL: each webhook update runs these, so each
 * is one round trip, with no ORM query building or entity merging. The entities stay the
 * schema's description; rows come back in their shape (camelCase aliases).
 */

/** A message a step writes: the customer's words (`in`) or what the outbox is to send (`out`). */
export interface StepMessage {
  direction: MessageDirection;
  body: OutboundBody | { text: string };
}

/** An input to record with its step, so that a re-delivery finds it by key. */
export interface StepInput {
  key: string;
  /** The input as kept for the record (contacts sealed). */
  record: unknown;
}

/** What a dialogue step writes about its conversation, its input and its messages. */
export interface StepWrite {
  conversation: ConversationEntity;
  /** The conversation is not in the database yet: the step inserts it. */
  isNew: boolean;
  input: StepInput | null;
  messages: StepMessage[];
  /** The standard's variants the step said, by phrase key, kept for the customer so that the next time differs. */
  said: Map<string, string>;
  now: Date;
  /** The step's W3C `traceparent` (tracing on), kept with what the outbox is to send. */
  trace: string | null;
}

/** What a known address brings to an input: the input if it was applied before, its latest conversation, the phrases it heard last. */
export interface InputContext {
  seen: { inputId: string; conversationId: string } | null;
  latest: ConversationEntity | null;
  heard: Record<string, string>;
}

const CONVERSATION_COLUMNS = `id, identity_id AS "identityId", customer_id AS "customerId", kind, status,
  policy_id AS "policyId", pool_id AS "poolId", pool_version AS "poolVersion", plan, state,
  channel, locale, point_of_service AS "pointOfService", agent, service_type AS "serviceType",
  started_at AS "startedAt", updated_at AS "updatedAt", ended_at AS "endedAt"`;

const MESSAGE_COLUMNS = `id, seq, identity_id AS "identityId", conversation_id AS "conversationId", input_id AS "inputId",
  channel, direction, body, delivery, attempts, next_attempt_at AS "nextAttemptAt", last_error AS "lastError",
  created_at AS "createdAt", sent_at AS "sentAt", delivered_at AS "deliveredAt", seen_at AS "seenAt",
  platform_message_id AS "platformMessageId"`;

/**
 * A new message's delivery, created_at, sent_at and trace_parent, by its direction `m.direction`:
 * the customer's words are shown already; what the bot says waits for the outbox, with the
 * step's trace.
 */
const deliveryOf = (now: string, trace: string) => `CASE m.direction WHEN 'in' THEN 'sent' ELSE 'pending' END,
    CASE m.direction WHEN 'in' THEN NULL ELSE ${now} END,
    ${now},
    CASE m.direction WHEN 'in' THEN ${now} END,
    CASE m.direction WHEN 'out' THEN ${trace} END`;

/**
 * Inserts messages in the given order, caused by the row of the CTE `input` (none: no cause).
 * $1 conversation, $2 identity, $3 channel, $4 now, $5 directions, $6 bodies, and `$<trace>`
 * the step's `traceparent` (null with tracing off), kept with what the outbox is to send.
 */
const insertMessages = (trace: number) => `INSERT INTO message (identity_id, conversation_id, input_id, channel, direction, body, delivery, next_attempt_at, created_at, sent_at, trace_parent)
  SELECT $2::uuid, $1::uuid, (SELECT id FROM input), $3::text, m.direction, m.body,
    ${deliveryOf('$4::timestamptz', `$${trace}::text`)}
  FROM unnest($5::text[], $6::jsonb[]) WITH ORDINALITY AS m(direction, body, ord)
  ORDER BY m.ord
  RETURNING ${MESSAGE_COLUMNS}`;

/** A new conversation's columns, in the order its INSERTs give them. */
const NEW_CONVERSATION_COLUMNS = `id, identity_id, channel, state, status, ended_at, customer_id, kind, policy_id, pool_id, pool_version, plan,
  locale, point_of_service, agent, service_type, started_at`;

/**
 * The latest conversation of an identity, the input of this key if it was applied already, and
 * the phrase variants the customer heard last, in one statement (call after locking the identity).
 */
export async function readInputContext(tx: EntityManager, identity: { id: string; customerId: string }, inputKey: string): Promise<InputContext> {
  return (await readInputContexts(tx, [{ identity, inputKey }]))[0];
}

/** `readInputContext` for several identities in one statement, in the order asked. */
export async function readInputContexts(tx: EntityManager, asked: readonly { identity: { id: string; customerId: string }; inputKey: string }[]): Promise<InputContext[]> {
  if (asked.length === 0) return [];
  const rows: (Record<string, unknown> & { asked: number; seenInputId: string | null; seenConversationId: string | null; heard: Record<string, string> })[] = await tx.query(
    `SELECT k.ord AS asked, seen.id AS "seenInputId", seen.conversation_id AS "seenConversationId", heard.phrases AS heard, latest.*
     FROM unnest($1::uuid[], $2::text[], $3::uuid[]) WITH ORDINALITY AS k (identity_id, input_key, customer_id, ord)
     LEFT JOIN conversation_input AS seen ON seen.identity_id = k.identity_id AND seen.input_key = k.input_key
     LEFT JOIN LATERAL (SELECT ${CONVERSATION_COLUMNS} FROM conversation WHERE identity_id = k.identity_id ORDER BY started_at DESC LIMIT 1) AS latest ON true
     CROSS JOIN LATERAL (SELECT coalesce(jsonb_object_agg(phrase_key, last_variant), '{}') AS phrases FROM customer_phrase WHERE customer_id = k.customer_id) AS heard`,
    [asked.map((a) => a.identity.id), asked.map((a) => a.inputKey), asked.map((a) => a.identity.customerId)],
  );
  const contexts: InputContext[] = [];
  for (const { asked: ord, seenInputId, seenConversationId, heard, ...latest } of rows) {
    contexts[Number(ord) - 1] = {
      seen: seenInputId ? { inputId: seenInputId, conversationId: seenConversationId! } : null,
      latest: latest.id ? (latest as unknown as ConversationEntity) : null,
      heard,
    };
  }
  return contexts;
}

/** The messages an input caused, in order (what a re-delivered input gets back). */
export async function messagesOfInput(tx: EntityManager, inputId: string): Promise<MessageEntity[]> {
  return tx.query(`SELECT ${MESSAGE_COLUMNS} FROM message WHERE input_id = $1 ORDER BY seq`, [inputId]);
}

/** Inserts a conversation as it is, before what its first step records refers to it. */
export async function insertConversation(tx: EntityManager, c: ConversationEntity): Promise<void> {
  await tx.query(
    `INSERT INTO conversation (${NEW_CONVERSATION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [c.id, c.identityId, c.channel, JSON.stringify(c.state), c.status, c.endedAt, c.customerId, ...insertParams(c)],
  );
}

/**
 * The steps' writes in one statement, in the order given: each conversation's new state (a new
 * one inserted), the phrases each customer heard, each input under its key, and the messages,
 * which come back in order. A round (`ConversationService.handleRound`) writes its steps
 * together; each step is of another address and another customer.
 */
const WRITE_STEPS = `WITH step AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::text[], $6::timestamptz[], $7::uuid[], $8::boolean[],
      $9::text[], $10::jsonb[], $11::timestamptz[], $12::text[], $13::text[], $14::uuid[], $15::uuid[], $16::int[], $17::jsonb[],
      $18::text[], $19::text[], $20::text[], $21::text[], $22::timestamptz[])
    WITH ORDINALITY AS s (conversation_id, identity_id, channel, state, status, ended_at, customer_id, is_new,
      input_key, input, now, trace, kind, policy_id, pool_id, pool_version, plan,
      locale, point_of_service, agent, service_type, started_at, ord)
  ),
  new_conversation AS (
    INSERT INTO conversation (${NEW_CONVERSATION_COLUMNS})
    SELECT conversation_id, identity_id, channel, state, status, ended_at, customer_id, kind, policy_id, pool_id, pool_version, plan,
      locale, point_of_service, agent, service_type, started_at
    FROM step WHERE is_new
  ),
  head AS (
    UPDATE conversation c SET state = s.state, status = s.status, ended_at = s.ended_at, updated_at = CURRENT_TIMESTAMP
    FROM step s WHERE c.id = s.conversation_id AND NOT s.is_new
  ),
  phrases AS (
    INSERT INTO customer_phrase (customer_id, phrase_key, last_variant)
    SELECT * FROM unnest($23::uuid[], $24::text[], $25::text[])
    ON CONFLICT (customer_id, phrase_key) DO UPDATE SET last_variant = EXCLUDED.last_variant, updated_at = CURRENT_TIMESTAMP
  ),
  input AS (
    INSERT INTO conversation_input (identity_id, conversation_id, input_key, input)
    SELECT identity_id, conversation_id, input_key, input FROM step WHERE input_key IS NOT NULL
    RETURNING id, identity_id, input_key
  )
  INSERT INTO message (identity_id, conversation_id, input_id, channel, direction, body, delivery, next_attempt_at, created_at, sent_at, trace_parent)
  SELECT s.identity_id, s.conversation_id, i.id, s.channel, m.direction, m.body,
    ${deliveryOf('s.now', 's.trace')}
  FROM unnest($26::int[], $27::text[], $28::jsonb[]) WITH ORDINALITY AS m (step, direction, body, ord)
  JOIN step s ON s.ord = m.step
  LEFT JOIN input i ON i.identity_id = s.identity_id AND i.input_key = s.input_key
  ORDER BY m.ord
  RETURNING ${MESSAGE_COLUMNS}`;

/** Writes a step in one statement (`writeSteps`); its messages come back in order. */
export function writeStep(tx: EntityManager, step: StepWrite): Promise<MessageEntity[]> {
  return writeSteps(tx, [step]);
}

/** Writes steps of distinct addresses and customers in one statement (`WRITE_STEPS`); their messages come back in order. */
export async function writeSteps(tx: EntityManager, steps: readonly StepWrite[]): Promise<MessageEntity[]> {
  if (steps.length === 0) return [];
  const column = <T>(of: (step: StepWrite) => T) => steps.map(of);
  const fresh = <T>(of: (c: ConversationEntity) => T) => steps.map((step) => (step.isNew ? of(step.conversation) : null));
  const said = steps.flatMap((step) => [...step.said].map(([key, variant]) => ({ customerId: step.conversation.customerId, key, variant })));
  const messages = steps.flatMap((step, i) => step.messages.map((m) => ({ step: i + 1, direction: m.direction, body: JSON.stringify(m.body) })));
  const rows: MessageEntity[] = await tx.query(WRITE_STEPS, [
    column((s) => s.conversation.id),
    column((s) => s.conversation.identityId),
    column((s) => s.conversation.channel),
    column((s) => JSON.stringify(s.conversation.state)),
    column((s) => s.conversation.status),
    column((s) => s.conversation.endedAt),
    column((s) => s.conversation.customerId),
    column((s) => s.isNew),
    column((s) => s.input?.key ?? null),
    column((s) => (s.input ? JSON.stringify(s.input.record) : null)),
    column((s) => s.now),
    column((s) => s.trace),
    fresh((c) => c.kind),
    fresh((c) => c.policyId),
    fresh((c) => c.poolId),
    fresh((c) => c.poolVersion),
    fresh((c) => JSON.stringify(c.plan)),
    fresh((c) => c.locale),
    fresh((c) => c.pointOfService),
    fresh((c) => c.agent),
    fresh((c) => c.serviceType),
    fresh((c) => c.startedAt),
    said.map((p) => p.customerId),
    said.map((p) => p.key),
    said.map((p) => p.variant),
    messages.map((m) => m.step),
    messages.map((m) => m.direction),
    messages.map((m) => m.body),
  ]);
  return inOrder(rows);
}

/** Messages outside a step (a reminder, news of a complaint), caused by no input. */
export async function appendMessages(tx: EntityManager, c: ConversationEntity, messages: StepMessage[], now: Date): Promise<MessageEntity[]> {
  const params = messageParams(c, now, messages);
  return inOrder(await tx.query(`WITH input AS (SELECT NULL::uuid AS id) ${insertMessages(params.length + 1)}`, [...params, currentTraceparent()]));
}

function messageParams(c: ConversationEntity, now: Date, messages: StepMessage[]): unknown[] {
  return [c.id, c.identityId, c.channel, now, messages.map((m) => m.direction), messages.map((m) => JSON.stringify(m.body))];
}

function insertParams(c: ConversationEntity): unknown[] {
  return [c.kind, c.policyId, c.poolId, c.poolVersion, JSON.stringify(c.plan), c.locale, c.pointOfService, c.agent, c.serviceType, c.startedAt];
}

/** RETURNING keeps the insert's order in practice; the sequence numbers make it certain. */
function inOrder(rows: MessageEntity[]): MessageEntity[] {
  return rows.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
}
