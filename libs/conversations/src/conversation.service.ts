import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Clock, CLOCK, type Locale } from '@turbota/common';
import {
  continueDialogue,
  CUSTOMER_NAME_SLOT,
  type DialogueContext,
  type DialogueInput,
  type DialogueState,
  isOpen,
  type Receipt,
  type FollowUp,
  openPrompt,
  type Prompt,
  type StepResult,
  startDialogue,
  startFollowUp,
} from '@turbota/dialogue';
import { ConversationEntity, CustomerEntity, CustomerIdentityEntity, MessageEntity } from '@turbota/persistence';
import { CustomerPoints } from '@turbota/points';
import { maskContactsIn } from '@turbota/privacy';
import type { SurveyPlan } from '@turbota/surveys';
import { appendMessages, insertConversation, messagesOfInput, readInputContext, type StepInput, type StepMessage, writeStep } from './conversation-store';
import { DialogueTextsProvider } from './dialogue-texts.provider';
import { attributesOf, EffectRecorder } from './effect-recorder';
import { echoOf } from './input-echo';
import { type InputBudget, spendInputBudget } from './input-budget';
import { CustomerDirectory, type CustomerAddress } from './customer-directory';
import { SurveyPlanner } from './survey-planner';

const TRANSCRIPT_PAGE = 200;

/** What the contact was about; every answer of the conversation carries it. */
export interface ContactContext {
  locale: Locale;
  pointOfService?: string | null;
  agent?: string | null;
  serviceType?: string | null;
  /** The customer's name as the platform or the customer gave it, to greet them by it. */
  customerName?: string;
}

/** Thrown for an input from an address that never started a conversation where that is required (web chat). */
export class UnknownAddressError extends Error {
  constructor(channel: string) {
    super(`No conversation is known for this ${channel} address`);
    this.name = 'UnknownAddressError';
  }
}

/** One input from a channel, with the platform's own key for de-duplication. */
export interface InboundInput {
  key: string;
  input: DialogueInput;
  /** The tapped question's message, to be closed showing the answer (sent before the reply). */
  receipt?: Receipt;
  /** The platform's reference to the address, stored for writing to it later. */
  reference?: unknown;
  /** The address's inputs a minute (an anonymous one's); past it `InputBudgetExceededError`, nothing applied. */
  budget?: InputBudget;
}

/** What a step produced: the messages to show (for a duplicate input, the ones it produced the first time). */
export interface StepOutcome {
  conversationId: string;
  messages: MessageEntity[];
  duplicate: boolean;
}

/**
 * Runs dialogues over the database: each input is applied in one transaction that locks
 * the customer's address, records the input key, the effects, the new state and the
 * messages, so a restart loses nothing and a re-delivered input changes nothing.
 */
@Injectable()
export class ConversationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly customers: CustomerDirectory,
    private readonly planner: SurveyPlanner,
    private readonly texts: DialogueTextsProvider,
    private readonly effects: EffectRecorder,
    private readonly points: CustomerPoints,
  ) {}

  /**
   * Opens a new survey for the address (a web chat visit, a post-contact invitation); in the
   * caller's transaction when given one, so the invitation commits with its decision.
   */
  start(address: CustomerAddress, context: ContactContext, manager?: EntityManager): Promise<StepOutcome> {
    const run = async (tx: EntityManager) => {
      const known = await this.customers.lock(tx, address);
      const { identity, created } = known ? { identity: known, created: false } : await this.customers.create(tx, address, context);
      const conversation = await this.open(tx, identity, context, 'survey');
      const texts = await this.texts.forCustomer(tx, conversation.customerId, conversation.locale, created ? {} : undefined);
      const byName = await this.greetsByName(tx, identity, context.customerName, created);
      const step = startDialogue(this.dialogueContext(conversation, byName, texts.texts));
      return this.commit(tx, conversation, step, { isNew: true, input: null, echo: null, said: texts.said(step.state) });
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * Applies one input from the address to its latest conversation (a new one when there is
   * none, or after a finished one on /start). Without `context`, a new conversation takes
   * the last one's, and an address never seen is refused with `UnknownAddressError`.
   */
  async handle(address: CustomerAddress, inbound: InboundInput, given?: ContactContext): Promise<StepOutcome> {
    // The point came from a customer (a deep link): only a registered one is kept. Asked before the transaction holds a connection.
    const context = given && { ...given, pointOfService: await this.points.accept(address.channel, given.pointOfService) };
    if (context && inbound.input.kind === 'start') inbound = { ...inbound, input: { kind: 'start', payload: context.pointOfService ?? undefined } };
    return this.dataSource.transaction(async (tx) => {
      const known = await this.customers.lock(tx, address);
      if (!known && !context) throw new UnknownAddressError(address.channel);
      // A customer created here has no inputs, conversations or phrases heard yet: nothing to read back.
      const { identity, created } = known ? { identity: known, created: false } : await this.customers.create(tx, address, context!);
      if (inbound.reference !== undefined) await this.customers.keepReference(tx, identity.id, inbound.reference);
      const { seen, latest, heard } = created ? { seen: null, latest: null, heard: {} } : await readInputContext(tx, identity, inbound.key);
      if (seen) return { conversationId: seen.conversationId, messages: await messagesOfInput(tx, seen.inputId), duplicate: true };
      if (inbound.budget && !created) await spendInputBudget(tx, identity.id, inbound.budget);
      const wantsNew = inbound.input.kind === 'start' && latest?.status !== 'open';
      const conversation =
        wantsNew || !latest
          ? await this.open(tx, identity, context ?? contextOf(latest!), inbound.input.kind === 'start' ? 'survey' : 'feedback')
          : latest;
      // What the customer heard was read with the identity's customer (a merge of customers may have moved it since).
      const texts = await this.texts.forCustomer(tx, conversation.customerId, conversation.locale, conversation.customerId === identity.customerId ? heard : undefined);
      const byName = wantsNew && (await this.greetsByName(tx, identity, context?.customerName, created));
      const ctx = this.dialogueContext(conversation, byName, texts.texts);
      const state = texts.prepare(conversation.state as DialogueState);
      const open = openPrompt(state, ctx);
      const input = maskedWords(inbound.input, open);
      const step = wantsNew ? startDialogue(ctx) : continueDialogue(state, input, ctx);
      return this.commit(tx, conversation, step, {
        isNew: conversation !== latest,
        input: { key: inbound.key, record: redact(input, open) },
        echo: echoOf(input, open),
        receipt: inbound.receipt,
        said: texts.said(step.state),
      });
    });
  }

  /** Records that the customer left the bot on this channel, or came back. */
  setSubscribed(address: CustomerAddress, subscribed: boolean): Promise<void> {
    return this.dataSource.transaction((tx) => this.customers.setSubscribed(tx, address, subscribed, this.clock.now()));
  }

  /**
   * Asks the question an open conversation waits on once more, after a lead line (a reminder
   * to a silent invitee), in the caller's transaction. False when nothing is waited on.
   */
  async askAgain(tx: EntityManager, conversationId: string, lead: string): Promise<boolean> {
    const conversation = await tx.findOneByOrFail(ConversationEntity, { id: conversationId });
    const prompt = conversation.status === 'open' ? openPrompt(conversation.state as DialogueState, this.dialogueContext(conversation, false)) : undefined;
    if (!prompt) return false;
    await appendMessages(tx, conversation, [{ direction: 'out', body: { ...prompt, text: `${lead}\n\n${prompt.text}` } }], this.clock.now());
    return true;
  }

  /**
   * Tells the customer of a conversation that their incident is resolved and asks whether it
   * is solved, in a new follow-up conversation on the same address, in the caller's
   * transaction. False (nothing sent) when the address is unreachable or the customer left.
   */
  async followUp(tx: EntityManager, conversationId: string, followUp: FollowUp): Promise<boolean> {
    const origin = await tx.findOneByOrFail(ConversationEntity, { id: conversationId });
    const identity = await this.reachable(tx, origin);
    if (!identity) return false;
    const now = this.clock.now();
    const conversation: ConversationEntity = {
      ...attributesOf(origin),
      id: randomUUID(),
      identityId: identity.id,
      customerId: origin.customerId,
      kind: 'follow_up' as const,
      status: 'open' as const,
      // The complaint's questions, so nothing is drawn (and counted) for a follow-up.
      policyId: origin.policyId,
      poolId: origin.poolId,
      poolVersion: origin.poolVersion,
      plan: origin.plan,
      state: { step: { at: 'done' }, lastVariants: {} } satisfies DialogueState,
      channel: identity.channel,
      startedAt: now,
      updatedAt: now,
      endedAt: null,
    };
    await this.commit(tx, conversation, startFollowUp(this.dialogueContext(conversation, false), followUp), { isNew: true, input: null, echo: null });
    return true;
  }

  /**
   * Writes one message to the customer of a conversation (what became of their complaint), in
   * the caller's transaction. False (nothing sent) when they cannot or do not want to hear it.
   */
  async inform(tx: EntityManager, conversationId: string, text: string): Promise<boolean> {
    const conversation = await tx.findOneByOrFail(ConversationEntity, { id: conversationId });
    if (!(await this.reachable(tx, conversation))) return false;
    await appendMessages(tx, conversation, [{ direction: 'out', body: { kind: 'text', text } }], this.clock.now());
    return true;
  }

  /** The conversation's address, locked like an input would lock it, when it may be written to. */
  private async reachable(tx: EntityManager, conversation: ConversationEntity): Promise<CustomerIdentityEntity | null> {
    const identity = await tx.findOne(CustomerIdentityEntity, { where: { id: conversation.identityId }, lock: { mode: 'pessimistic_write' } });
    const customer = await tx.findOneBy(CustomerEntity, { id: conversation.customerId });
    return identity && !identity.unreachableAt && customer && !customer.optedOutAt && !customer.erasedAt ? identity : null;
  }

  /** Marks outgoing messages as delivered (the web chat page has shown them). */
  async markSent(messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.dataSource
      .createQueryBuilder()
      .update(MessageEntity)
      .set({ delivery: 'sent', sentAt: this.clock.now(), nextAttemptAt: null })
      .where('id IN (:...ids) AND delivery = :pending', { ids: messageIds, pending: 'pending' })
      .execute();
  }

  /**
   * The messages of an address, oldest first: those after the given sequence number, or
   * without one the latest (a reload shows the end of a long conversation, not its start).
   */
  async transcript(address: CustomerAddress, afterSeq?: string): Promise<MessageEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(MessageEntity, 'm')
      .innerJoin('m.identity', 'i')
      .where('i.channel = :channel AND i.address = :address', address)
      .limit(TRANSCRIPT_PAGE);
    if (afterSeq !== undefined) return query.andWhere('m.seq > :afterSeq', { afterSeq }).orderBy('m.seq', 'ASC').getMany();
    return (await query.orderBy('m.seq', 'DESC').getMany()).reverse();
  }

  /** A new conversation, drawn but not written yet: its first step inserts it (`commit` with `isNew`). */
  private async open(
    tx: EntityManager,
    identity: { id: string; customerId: string; channel: string },
    context: ContactContext,
    kind: 'survey' | 'feedback',
  ): Promise<ConversationEntity> {
    const { policyId, poolId, poolVersion, plan } = await this.planner.plan(tx, context.serviceType ?? null);
    const idle: DialogueState = { step: { at: kind === 'survey' ? 'integral' : 'done' }, lastVariants: {} };
    const now = this.clock.now();
    return {
      // Chosen here, so that the conversation and what its first step writes go in one statement.
      id: randomUUID(),
      identityId: identity.id,
      customerId: identity.customerId,
      kind,
      status: 'open',
      policyId,
      poolId,
      poolVersion,
      plan,
      state: idle,
      channel: identity.channel,
      locale: context.locale,
      pointOfService: context.pointOfService ?? null,
      agent: context.agent ?? null,
      serviceType: context.serviceType ?? null,
      startedAt: now,
      updatedAt: now,
      endedAt: null,
    };
  }

  /** Writes a step: its effects, then the conversation's new state, the input and the messages in one statement. */
  private async commit(
    tx: EntityManager,
    conversation: ConversationEntity,
    step: StepResult,
    cause: { isNew: boolean; input: StepInput | null; echo: string | null; receipt?: Receipt; said?: Map<string, string> },
  ): Promise<StepOutcome> {
    const now = this.clock.now();
    let isNew = cause.isNew;
    // What the effects record refers to the conversation: a new one goes in first.
    if (isNew && step.effects.some((e) => e.kind !== 'completed')) {
      await insertConversation(tx, conversation);
      isNew = false;
    }
    await this.effects.record(tx, conversation, step.effects, now);
    const ended = !isOpen(step.state) && step.effects.some((e) => e.kind === 'completed' || e.kind === 'opt_out');
    const status = step.state.step.at === 'stopped' ? 'stopped' : step.state.step.at === 'done' ? 'completed' : 'open';
    const messages: StepMessage[] = [];
    if (cause.echo !== null) messages.push({ direction: 'in', body: { text: cause.echo } });
    if (cause.receipt) messages.push({ direction: 'out', body: cause.receipt });
    for (const prompt of step.prompts) messages.push({ direction: 'out', body: prompt });
    const written = await writeStep(tx, {
      conversation: { ...conversation, state: step.state, status, endedAt: ended || status !== 'open' ? (conversation.endedAt ?? now) : null },
      isNew,
      input: cause.input,
      messages,
      said: cause.said ?? new Map<string, string>(),
      now,
    });
    return { conversationId: conversation.id, messages: written, duplicate: false };
  }

  /**
   * Whether a new dialogue greets the customer by name: when the contact or the platform gave
   * one, kept sealed on the customer (a customer known before without a name gets this one).
   */
  private async greetsByName(tx: EntityManager, identity: CustomerIdentityEntity, name: string | undefined, created: boolean): Promise<boolean> {
    if (!name) return false;
    if (!created) await this.customers.rememberName(tx, identity.customerId, name);
    return true;
  }

  private dialogueContext(conversation: ConversationEntity, byName: boolean, texts = this.texts.for(conversation.locale)): DialogueContext {
    return {
      plan: conversation.plan as SurveyPlan,
      locale: conversation.locale,
      texts,
      // The greeting keeps the slot: the outbox fills the name in from the customer as it sends, so the transcript never holds it.
      customerName: byName ? CUSTOMER_NAME_SLOT : undefined,
      random: Math.random,
    };
  }
}

/** The contact a conversation was opened for, to open the next one alike. */
function contextOf(c: ConversationEntity): ContactContext {
  return { locale: c.locale, pointOfService: c.pointOfService, agent: c.agent, serviceType: c.serviceType };
}

/** Words typed where no contact was asked for, with any phone or e-mail in them masked before anything keeps them. */
function maskedWords(input: DialogueInput, open: Prompt | undefined): DialogueInput {
  return input.kind === 'text' && open?.kind !== 'contact' ? { ...input, text: maskContactsIn(input.text) } : input;
}

/** The input as kept for the record: a contact, shared or typed, never in the clear. */
function redact(input: DialogueInput, open: Prompt | undefined): DialogueInput {
  if (input.kind === 'contact') return { kind: 'contact', phone: input.phone && SEALED, email: input.email && SEALED };
  if (input.kind === 'text' && open?.kind === 'contact') return { kind: 'text', text: SEALED };
  return input;
}

const SEALED = '(kept only in the complaint, encrypted)';
