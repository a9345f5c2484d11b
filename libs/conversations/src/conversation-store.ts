import { type Expression, sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { OutboundBody } from '@turbota/dialogue';
import { currentTraceparent } from '@turbota/observability';
import { type ColumnArrays, type ColumnTypes, type ConversationEntity, execute, type Json, type MessageDirection, type MessageEntity, prepare, qb, unnestRows } from '@turbota/persistence';

/**
 * The dialogue's hot path in the typed query builder: each webhook update (or each round of
 * queued ones) runs these, each one round trip, with no ORM query building or entity merging.
 * Rows come back in the entities' shape (camelCase aliases).
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

/** A `conversation` row under the entity's names. */
const CONVERSATION_COLUMNS = [
  'id',
  'identity_id as identityId',
  'customer_id as customerId',
  'kind',
  'status',
  'policy_id as policyId',
  'pool_id as poolId',
  'pool_version as poolVersion',
  'plan',
  'state',
  'channel',
  'locale',
  'point_of_service as pointOfService',
  'agent',
  'service_type as serviceType',
  'started_at as startedAt',
  'updated_at as updatedAt',
  'ended_at as endedAt',
] as const;

/** A `message` row under the entity's names. */
const MESSAGE_COLUMNS = [
  'id',
  'seq',
  'identity_id as identityId',
  'conversation_id as conversationId',
  'input_id as inputId',
  'channel',
  'direction',
  'body',
  'delivery',
  'attempts',
  'next_attempt_at as nextAttemptAt',
  'last_error as lastError',
  'created_at as createdAt',
  'sent_at as sentAt',
  'delivered_at as deliveredAt',
  'seen_at as seenAt',
  'platform_message_id as platformMessageId',
] as const;

/** The columns a new message is inserted with, in the order its SELECT gives them (`deliveryOf`'s last). */
const NEW_MESSAGE_COLUMNS = [
  'identity_id',
  'conversation_id',
  'input_id',
  'channel',
  'direction',
  'body',
  'delivery',
  'next_attempt_at',
  'created_at',
  'sent_at',
  'trace_parent',
] as const;

/**
 * A new message's delivery columns by its direction (`m.direction`): the customer's words are
 * shown already; what the bot says waits for the outbox, with the step's trace.
 */
const deliveryOf = (now: Expression<Date>, trace: Expression<string | null>) => [
  sql<string>`CASE m.direction WHEN 'in' THEN 'sent' ELSE 'pending' END`.as('delivery'),
  sql<Date | null>`CASE m.direction WHEN 'in' THEN NULL ELSE ${now} END`.as('next_attempt_at'),
  sql<Date>`${now}`.as('created_at'),
  sql<Date | null>`CASE m.direction WHEN 'in' THEN ${now} END`.as('sent_at'),
  sql<string | null>`CASE m.direction WHEN 'out' THEN ${trace} END`.as('trace_parent'),
];

/** A message of `writeSteps` or `appendMessages`, as the rows `m` give it; `step` is the 1-based step it belongs to. */
interface MessageRow {
  step: number;
  direction: string;
  body: Json;
}

const MESSAGE_ROW_TYPES: ColumnTypes<MessageRow> = { step: 'int', direction: 'text', body: 'jsonb' };

/**
 * The latest conversation of an identity, the input of this key if it was applied already, and
 * the phrase variants the customer heard last, in one statement (call after locking the identity).
 */
export async function readInputContext(tx: EntityManager, identity: { id: string; customerId: string }, inputKey: string): Promise<InputContext> {
  return (await readInputContexts(tx, [{ identity, inputKey }]))[0];
}

/** What {@link readInputContexts} asks about an input. */
interface AskedRow {
  identity_id: string;
  input_key: string;
  customer_id: string;
}

const READ_INPUT_CONTEXTS = prepare((asked: ColumnArrays<AskedRow>) =>
  qb
    .with('k', () => unnestRows<AskedRow>('k', { identity_id: 'uuid', input_key: 'text', customer_id: 'uuid' }, asked))
    .selectFrom('k')
    .leftJoin('conversation_input as seen', (join) => join.onRef('seen.identity_id', '=', 'k.identity_id').onRef('seen.input_key', '=', 'k.input_key'))
    .leftJoinLateral(
      (eb) => eb.selectFrom('conversation').select(CONVERSATION_COLUMNS).whereRef('conversation.identity_id', '=', 'k.identity_id').orderBy('started_at', 'desc').limit(1).as('latest'),
      (join) => join.onTrue(),
    )
    .crossJoinLateral((eb) =>
      eb
        .selectFrom('customer_phrase')
        .select(sql<Record<string, string>>`coalesce(jsonb_object_agg(phrase_key, last_variant), '{}')`.as('phrases'))
        .whereRef('customer_phrase.customer_id', '=', 'k.customer_id')
        .as('heard'),
    )
    .select(['k.ord as asked', 'seen.id as seenInputId', 'seen.conversation_id as seenConversationId', 'heard.phrases as heard'])
    .selectAll('latest'),
);

/** `readInputContext` for several identities in one statement, in the order asked. */
export async function readInputContexts(tx: EntityManager, asked: readonly { identity: { id: string; customerId: string }; inputKey: string }[]): Promise<InputContext[]> {
  if (asked.length === 0) return [];
  const rows = await execute(
    tx,
    READ_INPUT_CONTEXTS({ identity_id: asked.map((a) => a.identity.id), input_key: asked.map((a) => a.inputKey), customer_id: asked.map((a) => a.identity.customerId) }),
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
  return (await execute(tx, qb.selectFrom('message').select(MESSAGE_COLUMNS).where('input_id', '=', inputId).orderBy('seq'))) as unknown as MessageEntity[];
}

/** Inserts a conversation as it is, before what its first step records refers to it. */
export async function insertConversation(tx: EntityManager, c: ConversationEntity): Promise<void> {
  await execute(
    tx,
    qb.insertInto('conversation').values({
      id: c.id,
      identity_id: c.identityId,
      channel: c.channel,
      state: JSON.stringify(c.state),
      status: c.status,
      ended_at: c.endedAt,
      customer_id: c.customerId,
      kind: c.kind,
      policy_id: c.policyId,
      pool_id: c.poolId,
      pool_version: c.poolVersion,
      plan: JSON.stringify(c.plan),
      locale: c.locale,
      point_of_service: c.pointOfService,
      agent: c.agent,
      service_type: c.serviceType,
      started_at: c.startedAt,
    }),
  );
}

/** Writes a step in one statement (`writeSteps`); its messages come back in order. */
export function writeStep(tx: EntityManager, step: StepWrite): Promise<MessageEntity[]> {
  return writeSteps(tx, [step]);
}

/** A step as the columns of `WRITE_STEPS`'s `step` rows. */
interface StepRow {
  conversation_id: string;
  identity_id: string;
  channel: string;
  state: Json;
  status: string;
  ended_at: Date | null;
  customer_id: string;
  is_new: boolean;
  input_key: string | null;
  input: Json;
  now: Date;
  trace: string | null;
  kind: string | null;
  policy_id: string | null;
  pool_id: string | null;
  pool_version: number | null;
  plan: Json;
  locale: string | null;
  point_of_service: string | null;
  agent: string | null;
  service_type: string | null;
  started_at: Date | null;
}

const STEP_ROW_TYPES: ColumnTypes<StepRow> = {
  conversation_id: 'uuid',
  identity_id: 'uuid',
  channel: 'text',
  state: 'jsonb',
  status: 'text',
  ended_at: 'timestamptz',
  customer_id: 'uuid',
  is_new: 'boolean',
  input_key: 'text',
  input: 'jsonb',
  now: 'timestamptz',
  trace: 'text',
  kind: 'text',
  policy_id: 'uuid',
  pool_id: 'uuid',
  pool_version: 'int',
  plan: 'jsonb',
  locale: 'text',
  point_of_service: 'text',
  agent: 'text',
  service_type: 'text',
  started_at: 'timestamptz',
};

/** `WRITE_STEPS`'s values: a column of the steps each (a new conversation's own columns null for the others), of the messages each, and the phrases said. */
type StepColumns = ColumnArrays<StepRow & MessageRow> & {
  saidCustomerIds: string[];
  saidKeys: string[];
  saidVariants: string[];
};

/** The columns a new conversation is inserted with. */
const NEW_CONVERSATION_COLUMNS = [
  'identity_id',
  'channel',
  'state',
  'status',
  'ended_at',
  'customer_id',
  'kind',
  'policy_id',
  'pool_id',
  'pool_version',
  'plan',
  'locale',
  'point_of_service',
  'agent',
  'service_type',
  'started_at',
] as const;

/**
 * Steps of distinct addresses and customers in one statement, in the order given: each
 * conversation's new state (a new one inserted), the phrases each customer heard, each input
 * under its key, and the messages, which come back in order.
 */
const WRITE_STEPS = prepare((v: StepColumns) =>
  qb
    .with('step', () => unnestRows<StepRow>('s', STEP_ROW_TYPES, v))
    .with('new_conversation', (db) =>
      db
        .insertInto('conversation')
        .columns(['id', ...NEW_CONVERSATION_COLUMNS])
        .expression((eb) => eb.selectFrom('step').select(['conversation_id', ...NEW_CONVERSATION_COLUMNS]).where('is_new', '=', true)),
    )
    .with('head', (db) =>
      db
        .updateTable('conversation as c')
        .from('step as s')
        .set((eb) => ({ state: eb.ref('s.state'), status: eb.ref('s.status'), ended_at: eb.ref('s.ended_at'), updated_at: sql`CURRENT_TIMESTAMP` }))
        .whereRef('c.id', '=', 's.conversation_id')
        .where('s.is_new', '=', false),
    )
    .with('phrases', (db) =>
      db
        .insertInto('customer_phrase')
        .columns(['customer_id', 'phrase_key', 'last_variant'])
        .expression(sql`SELECT * FROM unnest(${v.saidCustomerIds}::uuid[], ${v.saidKeys}::text[], ${v.saidVariants}::text[])`)
        .onConflict((oc) => oc.columns(['customer_id', 'phrase_key']).doUpdateSet((eb) => ({ last_variant: eb.ref('excluded.last_variant'), updated_at: sql`CURRENT_TIMESTAMP` }))),
    )
    .with('input', (db) =>
      db
        .insertInto('conversation_input')
        .columns(['identity_id', 'conversation_id', 'input_key', 'input'])
        .expression((eb) => eb.selectFrom('step').select(['identity_id', 'conversation_id', 'input_key', 'input']).where('input_key', 'is not', null))
        .returning(['id', 'identity_id', 'input_key']),
    )
    .with('m', () => unnestRows<MessageRow>('m', MESSAGE_ROW_TYPES, v))
    .insertInto('message')
    .columns(NEW_MESSAGE_COLUMNS)
    .expression((eb) =>
      eb
        .selectFrom('m')
        .innerJoin('step as s', 's.ord', 'm.step')
        .leftJoin('input as i', (join) => join.onRef('i.identity_id', '=', 's.identity_id').onRef('i.input_key', '=', 's.input_key'))
        .select(['s.identity_id', 's.conversation_id', 'i.id', 's.channel', 'm.direction', 'm.body', ...deliveryOf(sql.ref('s.now'), sql.ref('s.trace'))])
        .orderBy('m.ord'),
    )
    .returning(MESSAGE_COLUMNS),
);

/**
 * Writes steps of distinct addresses and customers in one statement (`WRITE_STEPS`); their
 * messages come back in order. A round (`ConversationService.handleRound`) writes its steps together.
 */
export async function writeSteps(tx: EntityManager, steps: readonly StepWrite[]): Promise<MessageEntity[]> {
  if (steps.length === 0) return [];
  const column = <T>(of: (step: StepWrite) => T) => steps.map(of);
  const fresh = <T>(of: (c: ConversationEntity) => T) => steps.map((step) => (step.isNew ? of(step.conversation) : null));
  const said = steps.flatMap((step) => [...step.said].map(([key, variant]) => ({ customerId: step.conversation.customerId, key, variant })));
  const messages = steps.flatMap((step, i) => step.messages.map((m) => ({ step: i + 1, direction: m.direction, body: JSON.stringify(m.body) })));
  const rows = await execute(
    tx,
    WRITE_STEPS({
      conversation_id: column((s) => s.conversation.id),
      identity_id: column((s) => s.conversation.identityId),
      channel: column((s) => s.conversation.channel),
      state: column((s) => JSON.stringify(s.conversation.state)),
      status: column((s) => s.conversation.status),
      ended_at: column((s) => s.conversation.endedAt),
      customer_id: column((s) => s.conversation.customerId),
      is_new: column((s) => s.isNew),
      input_key: column((s) => s.input?.key ?? null),
      input: column((s) => (s.input ? JSON.stringify(s.input.record) : null)),
      now: column((s) => s.now),
      trace: column((s) => s.trace),
      kind: fresh((c) => c.kind),
      policy_id: fresh((c) => c.policyId),
      pool_id: fresh((c) => c.poolId),
      pool_version: fresh((c) => c.poolVersion),
      plan: fresh((c) => JSON.stringify(c.plan)),
      locale: fresh((c) => c.locale),
      point_of_service: fresh((c) => c.pointOfService),
      agent: fresh((c) => c.agent),
      service_type: fresh((c) => c.serviceType),
      started_at: fresh((c) => c.startedAt),
      saidCustomerIds: said.map((p) => p.customerId),
      saidKeys: said.map((p) => p.key),
      saidVariants: said.map((p) => p.variant),
      step: messages.map((m) => m.step),
      direction: messages.map((m) => m.direction),
      body: messages.map((m) => m.body),
    }),
  );
  return inOrder(rows as unknown as MessageEntity[]);
}

/** Messages outside a step (a reminder, news of a complaint), caused by no input. */
export async function appendMessages(tx: EntityManager, c: ConversationEntity, messages: StepMessage[], now: Date): Promise<void> {
  await execute(
    tx,
    qb
      .with('m', () =>
        unnestRows<MessageRow>('m', MESSAGE_ROW_TYPES, {
          step: messages.map(() => 1),
          direction: messages.map((m) => m.direction),
          body: messages.map((m) => JSON.stringify(m.body)),
        }),
      )
      .insertInto('message')
      .columns(NEW_MESSAGE_COLUMNS)
      .expression((eb) =>
        eb
          .selectFrom('m')
          .select([
            sql<string>`${c.identityId}::uuid`.as('identity_id'),
            sql<string>`${c.id}::uuid`.as('conversation_id'),
            sql<null>`NULL::uuid`.as('input_id'),
            sql<string>`${c.channel}::text`.as('channel'),
            'm.direction',
            'm.body',
            ...deliveryOf(sql`${now}::timestamptz`, sql`${currentTraceparent()}::text`),
          ])
          .orderBy('m.ord'),
      ),
  );
}

/** RETURNING keeps the insert's order in practice; the sequence numbers make it certain. */
function inOrder(rows: MessageEntity[]): MessageEntity[] {
  return rows.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
}
