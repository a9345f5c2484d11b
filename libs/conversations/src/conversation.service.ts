import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Clock, CLOCK, DIALOGUE_RANDOM, type Locale, type RandomSource } from '@turbota/common';
import {
  callMeOf,
  caseLine,
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
  withCaseLine,
} from '@turbota/dialogue';
import { currentTraceparent, inSpan } from '@turbota/observability';
import { ConversationEntity, CustomerEntity, CustomerIdentityEntity, MessageEntity } from '@turbota/persistence';
import { CustomerPoints } from '@turbota/points';
import { maskContactsIn, PiiCipher } from '@turbota/privacy';
import type { SurveyPlan } from '@turbota/surveys';
import {
  appendMessages,
  type InputContext,
  insertConversation,
  messagesOfInput,
  readInputContext,
  readInputContexts,
  type StepInput,
  type StepMessage,
  type StepWrite,
  writeStep,
  writeSteps,
} from './conversation-store';
import { type CustomerTexts, DialogueTextsProvider } from './dialogue-texts.provider';
import { attributesOf, type DialogueAnswer, EffectRecorder, writeAnswers } from './effect-recorder';
import { contactContextOf } from './contact-context';
import { customerNameOf } from './customer-name';
import { type Echo, echoOf } from './input-echo';
import { OwnContactEcho } from './own-contact-echo';
import { type InputBudget, spendInputBudget } from './input-budget';
import { addressKey, CustomerDirectory, type CustomerAddress } from './customer-directory';
import { type PointGreeting, withPointGreeting } from './point-greeting';
import { openOwnContacts, openState, pendingContacts, sealOwnContact, sealState } from './sealed-state';
import { bindSurveyLink, type LinkAtAddress, lockSurveyLink } from './survey-link-binding';
import { PlanningRound, SurveyPlanner } from './survey-planner';
import { isWalkIn, withWalkInGreeting } from './walk-in-greeting';

const TRANSCRIPT_PAGE = 200;

/** What the contact was about; every answer of the conversation carries it. */
export interface ContactContext {
  locale: Locale;
  pointOfService?: string | null;
  agent?: string | null;
  serviceType?: string | null;
  /** The customer's name as the platform or the customer gave it, to greet them by it. */
  customerName?: string;
  /**
   * A personal survey link's token that a messenger's deep link carried into `/start`: the
   * contact's survey opens here instead (see `lockSurveyLink`). Never stored with the input.
   */
  surveyLink?: string;
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

/** One input of a round (`ConversationService.handleRound`). */
export interface RoundInput {
  address: CustomerAddress;
  inbound: InboundInput;
  context?: ContactContext;
  /** Runs the input's step inside what the caller keeps around it (a span of its own). */
  within?: (step: () => Promise<StepOutcome>) => Promise<StepOutcome>;
}

/** An input of a round failed: the round is rolled back whole, and `index` says which input it was. */
export class RoundStepError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`Input ${index} of the round failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RoundStepError';
  }
}

/** What a step produced: the messages to show (for a duplicate input, the ones it produced the first time). */
export interface StepOutcome {
  conversationId: string;
  messages: MessageEntity[];
  duplicate: boolean;
  /** The input was refused as stale (a tap on an answered question): a quiet notice for the channel to show where it can. */
  notice?: string;
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
    @Inject(DIALOGUE_RANDOM) private readonly random: RandomSource,
    private readonly customers: CustomerDirectory,
    private readonly planner: SurveyPlanner,
    private readonly texts: DialogueTextsProvider,
    private readonly effects: EffectRecorder,
    private readonly points: CustomerPoints,
    private readonly ownContacts: OwnContactEcho,
    private readonly cipher: PiiCipher,
  ) {}

  /**
   * Opens a new survey for the address (a web chat visit, a post-contact invitation); in the
   * caller's transaction when given one, so the invitation commits with its decision.
   */
  start(address: CustomerAddress, context: ContactContext, manager?: EntityManager): Promise<StepOutcome> {
    const run = async (tx: EntityManager) => {
      const known = await this.customers.lock(tx, address);
      const { identity, created } = known ? { identity: known, created: false } : await this.customers.create(tx, address, context);
      const { conversation, greeting } = await this.open(tx, identity, context, 'survey');
      const texts = withPointGreeting(this.walkIn(await this.texts.forCustomer(tx, conversation.customerId, conversation.locale, created ? {} : undefined), conversation), greeting, conversation.locale);
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
  handle(address: CustomerAddress, inbound: InboundInput, given?: ContactContext): Promise<StepOutcome> {
    return this.traced(address, inbound, async () => {
      const context = await this.accepted(address, given);
      return this.dataSource.transaction((tx) => this.apply(tx, address, inbound, context));
    });
  }

  /**
   * Applies inputs of distinct addresses in one transaction, one after another in the order
   * given, as `handle` would one by one: what a queue's round does with what it claimed, one
   * commit for all instead of one each. What the steps would read first is read for all of
   * them at once (`readAhead`); the new conversations' policies and draw counts are read once
   * and their draws logged once; the steps' own writes, then the answers with their histogram
   * increments summed, are written together, last, so the rows every answer adds to are held
   * only while the round commits. `finish` runs in the transaction after the last step (the
   * queue's bookkeeping). All or nothing: when an input fails, `RoundStepError` names it and
   * none is applied.
   */
  async handleRound(inputs: readonly RoundInput[], finish?: (tx: EntityManager) => Promise<void>): Promise<void> {
    const contexts: (ContactContext | undefined)[] = [];
    for (const input of inputs) contexts.push(await this.accepted(input.address, input.context));
    await this.dataSource.transaction(async (tx) => {
      const answers: DialogueAnswer[] = [];
      const writes: StepWrite[] = [];
      const planning = new PlanningRound();
      const ahead = await this.readAhead(tx, inputs, contexts);
      for (const [index, { address, inbound, within }] of inputs.entries()) {
        try {
          await (within ?? runStep)(() => this.traced(address, inbound, () => this.apply(tx, address, inbound, contexts[index], { answers, writes, planning, ahead: ahead[index] })));
        } catch (error) {
          throw new RoundStepError(index, error);
        }
      }
      await this.planner.finish(tx, planning);
      // The steps before their answers, which refer to their conversations.
      await writeSteps(tx, writes);
      await writeAnswers(tx, answers);
      await finish?.(tx);
    });
  }

  /**
   * What each input of a round reads first, read for all of them at once: their identities,
   * locked (in one order), the customers of addresses never seen, created together, and the
   * known ones' contexts. Left to the input's own step: a `/start` carrying a survey link (its
   * link is locked before its address, as everywhere), an address another transaction created
   * meanwhile, and the context of a customer met more than once in the round (one's step
   * changes the phrases the next would have read).
   */
  private async readAhead(tx: EntityManager, inputs: readonly RoundInput[], contexts: readonly (ContactContext | undefined)[]): Promise<(ReadAhead | undefined)[]> {
    const keys = inputs.map((input) => addressKey(input.address));
    const ahead = inputs.map((input, i) => !(contexts[i]?.surveyLink && input.inbound.input.kind === 'start'));
    const identities = await this.customers.lockAll(
      tx,
      inputs.filter((_, i) => ahead[i]).map((input) => input.address),
    );
    // Without a context an address never seen is refused by its step.
    const unknown = inputs.flatMap((_, i) => (ahead[i] && contexts[i] && !identities.has(keys[i]) ? [i] : []));
    const created = await this.customers.createAll(
      tx,
      unknown.map((i) => ({ address: inputs[i].address, context: contexts[i]! })),
    );
    const inputsOf = new Map<string, number>();
    for (const identity of identities.values()) inputsOf.set(identity.customerId, (inputsOf.get(identity.customerId) ?? 0) + 1);
    const reads = inputs.flatMap((input, i) => {
      const identity = ahead[i] ? identities.get(keys[i]) : undefined;
      return identity && inputsOf.get(identity.customerId) === 1 ? [{ index: i, identity, inputKey: input.inbound.key }] : [];
    });
    const read = await readInputContexts(tx, reads);
    const contextOf = new Map(reads.map((r, i) => [r.index, read[i]]));
    return inputs.map((_, i): ReadAhead | undefined => {
      if (!ahead[i]) return undefined;
      const fresh = created.get(keys[i]);
      if (fresh) return { identity: fresh, created: true };
      const identity = identities.get(keys[i]) ?? null;
      if (!identity && unknown.includes(i)) return undefined;
      return { identity, created: false, context: contextOf.get(i) };
    });
  }

  /** A step in its span: traced by kinds and counts only, never the input's words or the customer's address. */
  private traced(address: CustomerAddress, inbound: InboundInput, step: () => Promise<StepOutcome>): Promise<StepOutcome> {
    const attributes = { 'turbota.channel': address.channel, 'turbota.input.kind': inbound.input.kind };
    return inSpan('turbota.conversation.step', { attributes }, async (span) => {
      const outcome = await step();
      span.setAttributes({ 'turbota.step.duplicate': outcome.duplicate, 'turbota.step.messages': outcome.messages.length });
      return outcome;
    });
  }

  /** The context with its point kept only when registered: it came from a customer (a deep link). Asked before a transaction holds a connection. */
  private async accepted(address: CustomerAddress, given: ContactContext | undefined): Promise<ContactContext | undefined> {
    return given && { ...given, pointOfService: await this.points.accept(address.channel, given.pointOfService) };
  }

  /**
   * Applies one input in the caller's transaction. In a round (`handleRound`), its answers are
   * left in `answers`, a new conversation's draws in `planning` and, when nothing after it
   * reads it, its own write in `writes`, for the round to write at its end; what it would read
   * first may have been read ahead.
   */
  private async apply(
    tx: EntityManager,
    address: CustomerAddress,
    given: InboundInput,
    context: ContactContext | undefined,
    round?: { answers: DialogueAnswer[]; writes: StepWrite[]; planning: PlanningRound; ahead?: ReadAhead },
  ): Promise<StepOutcome> {
    const ahead = round?.ahead;
    const inbound: InboundInput = context && given.input.kind === 'start' ? { ...given, input: { kind: 'start', payload: context.pointOfService ?? undefined } } : given;
    // A deep link's survey link, locked before the address as everywhere (`lockSurveyLink`).
    const link = context?.surveyLink && inbound.input.kind === 'start' ? await lockSurveyLink(tx, context.surveyLink, address, this.clock.now()) : undefined;
    const known = ahead ? ahead.identity : await this.customers.lock(tx, address);
    if (!known && !context) throw new UnknownAddressError(address.channel);
    // A customer created here has no inputs, conversations or phrases heard yet: nothing to read back.
    const { identity, created } = known
      ? { identity: known, created: ahead?.created ?? false }
      : link?.kind === 'fresh'
        ? // A new address joins the contact's customer, so the cool-down, an opt-out and the answers count for them.
          { identity: await this.customers.attach(tx, address, link.customer.id), created: false }
        : await this.customers.create(tx, address, context!);
    if (inbound.reference !== undefined) await this.customers.keepReference(tx, identity.id, inbound.reference);
    const { seen, latest, heard } = created ? { seen: null, latest: null, heard: {} } : (ahead?.context ?? (await readInputContext(tx, identity, inbound.key)));
    if (seen) return { conversationId: seen.conversationId, messages: openOwnContacts(await this.ownContacts.reveal(tx, await messagesOfInput(tx, seen.inputId)), this.cipher), duplicate: true };
    if (inbound.budget && !created) await spendInputBudget(tx, identity.id, inbound.budget);
    const linkNotice = link && this.linkNotice(link, latest);
    if (link && linkNotice) {
      // Said in the language the invitation spoke, as the survey would have been.
      const locale = 'locale' in link ? link.locale : context!.locale;
      return this.tell(tx, identity, latest, { ...context!, locale }, inbound.key, linkNotice);
    }
    // A fresh link opens its contact's survey, whatever this address had open before.
    const contact = link?.kind === 'fresh' ? contactContextOf(link.contact, customerNameOf(this.cipher, link.customer) ?? context?.customerName) : undefined;
    const wantsNew = inbound.input.kind === 'start' && (contact !== undefined || latest?.status !== 'open');
    const opened =
      wantsNew || !latest
        ? await this.open(tx, identity, contact ?? context ?? contextOf(latest!), inbound.input.kind === 'start' ? 'survey' : 'feedback', round?.planning)
        : undefined;
    const conversation = opened?.conversation ?? latest!;
    // What the customer heard was read with the identity's customer (a merge of customers may have moved it since).
    const heardTexts = this.walkIn(await this.texts.forCustomer(tx, conversation.customerId, conversation.locale, conversation.customerId === identity.customerId ? heard : undefined), conversation);
    const texts = withPointGreeting(heardTexts, opened?.greeting, conversation.locale);
    const byName = wantsNew && (await this.greetsByName(tx, identity, (contact ?? context)?.customerName, created));
    const ctx = this.dialogueContext(conversation, byName, texts.texts);
    const state = openState(texts.prepare(conversation.state as DialogueState), this.cipher);
    const open = openPrompt(state, ctx);
    const input = maskedWords(inbound.input, open);
    const step = wantsNew ? startDialogue(ctx) : continueDialogue(state, input, ctx);
    // A stale tap changes nothing: no echo of an answer that was not taken, no receipt claiming it.
    const stale = step.notice !== undefined;
    const outcome = await this.commit(tx, conversation, step, {
      isNew: conversation !== latest,
      input: { key: inbound.key, record: redact(input, open) },
      echo: stale ? null : echoOf(input, open),
      receipt: stale ? undefined : inbound.receipt,
      // The contact the customer confirms shows in the question and its receipt: kept sealed there.
      contacts: pendingContacts(state),
      said: texts.said(step.state),
    }, round && {
      answers: round.answers,
      // Written with the round's others at its end, but for a customer met twice in it (the next would read this one's phrases).
      writes: ahead && (ahead.created || ahead.context) ? round.writes : undefined,
    });
    if (link?.kind === 'fresh') await bindSurveyLink(tx, link.link, conversation.id, address.channel, this.clock.now());
    return stale ? { ...outcome, notice: step.notice } : outcome;
  }

  /**
   * What a survey link opened again says instead of a survey: it was opened elsewhere, it is
   * over, or its survey here is answered (one that is still open is asked again, as `/start` does).
   * Nothing for a fresh link, or a token no link has (that `/start` opens the usual survey).
   */
  private linkNotice(link: LinkAtAddress, latest: ConversationEntity | null): LinkNotice | undefined {
    switch (link.kind) {
      case 'used':
        return 'linkUsed';
      case 'expired':
        return 'linkEnded';
      case 'here':
        return latest?.id === link.conversationId && latest.status === 'open' ? undefined : 'surveyAnswered';
      default:
        return undefined;
    }
  }

  /**
   * Answers an input with one line of the dialogue's texts and no survey: in the address's
   * latest conversation (in its language), or a feedback one opened for it in the context's
   * (where the customer may write on). The input is recorded under its key, so a re-delivery
   * says it once.
   */
  private async tell(
    tx: EntityManager,
    identity: CustomerIdentityEntity,
    latest: ConversationEntity | null,
    context: ContactContext,
    key: string,
    text: LinkNotice,
  ): Promise<StepOutcome> {
    const conversation = latest ?? (await this.open(tx, identity, context, 'feedback')).conversation;
    const state = openState(conversation.state as DialogueState, this.cipher);
    const words = this.texts.for(conversation.locale)[text];
    return this.commit(tx, conversation, { state, prompts: [{ kind: 'text', text: words }], effects: [] }, { isNew: !latest, input: { key, record: { kind: 'start' } }, echo: null });
  }

  /** Records that the customer left the bot on this channel, or came back. */
  setSubscribed(address: CustomerAddress, subscribed: boolean): Promise<void> {
    return this.dataSource.transaction((tx) => this.customers.setSubscribed(tx, address, subscribed, this.clock.now()));
  }

  /**
   * Asks the question an open conversation waits on once more, after a lead line (a reminder
   * to a silent invitee) in the conversation's language, in the caller's transaction. False
   * when nothing is waited on.
   */
  async askAgain(tx: EntityManager, conversationId: string, leadIn: (locale: Locale) => string): Promise<boolean> {
    const conversation = await tx.findOneByOrFail(ConversationEntity, { id: conversationId });
    const state = openState(conversation.state as DialogueState, this.cipher);
    const prompt = conversation.status === 'open' ? openPrompt(state, this.dialogueContext(conversation, false)) : undefined;
    if (!prompt) return false;
    const lead = leadIn(conversation.locale);
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
    const messages =
      afterSeq !== undefined ? await query.andWhere('m.seq > :afterSeq', { afterSeq }).orderBy('m.seq', 'ASC').getMany() : (await query.orderBy('m.seq', 'DESC').getMany()).reverse();
    return openOwnContacts(await this.ownContacts.reveal(this.dataSource.manager, messages), this.cipher);
  }

  /** A new conversation, drawn but not written yet: its first step inserts it (`commit` with `isNew`). */
  private async open(
    tx: EntityManager,
    identity: { id: string; customerId: string; channel: string },
    context: ContactContext,
    kind: 'survey' | 'feedback',
    planning?: PlanningRound,
  ): Promise<{ conversation: ConversationEntity; greeting: PointGreeting | null }> {
    const { policyId, poolId, poolVersion, plan, greeting, locales } = await this.planner.plan(tx, context.serviceType ?? null, context.pointOfService, planning);
    const idle: DialogueState = { step: { at: kind === 'survey' ? 'integral' : 'done' }, lastVariants: {} };
    const now = this.clock.now();
    const conversation: ConversationEntity = {
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
      // The pool's language when it lacks the customer's: one language for the whole conversation.
      locale: this.planner.localeFor(locales, context.locale),
      pointOfService: context.pointOfService ?? null,
      agent: context.agent ?? null,
      serviceType: context.serviceType ?? null,
      startedAt: now,
      updatedAt: now,
      endedAt: null,
    };
    return { conversation, greeting };
  }

  /** Writes a step: its effects, then the conversation's new state, the input and the messages in one statement. */
  private async commit(
    tx: EntityManager,
    conversation: ConversationEntity,
    step: StepResult,
    cause: { isNew: boolean; input: StepInput | null; echo: Echo | null; receipt?: Receipt; said?: Map<string, string>; contacts?: string[] },
    round?: RoundWrites,
  ): Promise<StepOutcome> {
    const now = this.clock.now();
    let isNew = cause.isNew;
    // What the effects record refers to the conversation: a new one goes in first.
    if (isNew && step.effects.some((e) => e.kind !== 'completed')) {
      await insertConversation(tx, conversation);
      isNew = false;
    }
    const opened = await this.effects.record(tx, conversation, step.effects, now, round?.answers);
    // The end of a complaint tells its case number and when to expect contact, from the incident made in this transaction.
    const line = opened && caseLine(opened, now, { locale: conversation.locale, texts: this.texts.for(conversation.locale) });
    const state = sealState(step.state, this.cipher);
    const ended = !isOpen(step.state) && step.effects.some((e) => e.kind === 'completed' || e.kind === 'opt_out');
    const status = step.state.step.at === 'stopped' ? 'stopped' : step.state.step.at === 'done' ? 'completed' : 'open';
    const messages: StepMessage[] = [];
    if (cause.echo !== null) messages.push({ direction: 'in', body: cause.echo });
    const contacts = [...(cause.contacts ?? []), ...pendingContacts(step.state)];
    if (cause.receipt) messages.push({ direction: 'out', body: sealOwnContact(cause.receipt, contacts, this.cipher) });
    for (const prompt of step.prompts) messages.push({ direction: 'out', body: sealOwnContact(withCaseLine(prompt, line), contacts, this.cipher) });
    const write: StepWrite = {
      conversation: { ...conversation, state, status, endedAt: ended || status !== 'open' ? (conversation.endedAt ?? now) : null },
      isNew,
      input: cause.input,
      messages,
      said: cause.said ?? new Map<string, string>(),
      now,
      trace: currentTraceparent(),
    };
    // A complaint, feedback, an opt-out or a resolution may be read by what they set off: written at once.
    if (round?.writes && step.effects.every((e) => e.kind === 'answer' || e.kind === 'completed')) {
      round.writes.push(write);
      return { conversationId: conversation.id, messages: [], duplicate: false };
    }
    const written = await writeStep(tx, write);
    return { conversationId: conversation.id, messages: openOwnContacts(await this.ownContacts.reveal(tx, written), this.cipher), duplicate: false };
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

  /** A walk-in is greeted as a visitor, never as someone "in touch with us recently". */
  private walkIn(texts: CustomerTexts, conversation: ConversationEntity): CustomerTexts {
    return isWalkIn(conversation) ? withWalkInGreeting(texts, this.texts.walkInGreeting(conversation.locale)) : texts;
  }

  private dialogueContext(conversation: ConversationEntity, byName: boolean, texts = this.texts.for(conversation.locale)): DialogueContext {
    return {
      plan: conversation.plan as SurveyPlan,
      locale: conversation.locale,
      texts,
      // The greeting keeps the slot: the outbox fills the name in from the customer as it sends, so the transcript never holds it.
      customerName: byName ? CUSTOMER_NAME_SLOT : undefined,
      random: this.random,
    };
  }
}

/**
 * What a round read ahead for one input: its identity, locked (null: an address never seen and
 * not created, for the step to refuse), whether the round created it, and a known one's context.
 */
interface ReadAhead {
  identity: CustomerIdentityEntity | null;
  created: boolean;
  context?: InputContext;
}

/**
 * What a step in a round leaves for the round to write at its end: its answers, and, when
 * `writes` is given, its own write (it then answers no messages: they are written later).
 */
interface RoundWrites {
  answers: DialogueAnswer[];
  writes?: StepWrite[];
}

/** A step run as it is (a round's input with nothing kept around it). */
const runStep = (step: () => Promise<StepOutcome>) => step();

/** What a survey link opened again says instead of a survey (`DialogueTexts`). */
type LinkNotice = 'linkUsed' | 'linkEnded' | 'surveyAnswered';

/** The contact a conversation was opened for, to open the next one alike. */
function contextOf(c: ConversationEntity): ContactContext {
  return { locale: c.locale, pointOfService: c.pointOfService, agent: c.agent, serviceType: c.serviceType };
}

/**
 * Words typed where no contact was asked for, with any phone or e-mail in them masked before
 * anything keeps them; words asking to be called carry their contact beside them (`callMe`),
 * for the dialogue to confirm and, on yes, to seal in the complaint.
 */
function maskedWords(input: DialogueInput, open: Prompt | undefined): DialogueInput {
  if (input.kind !== 'text' || open?.kind === 'contact') return input;
  const callMe = callMeOf(input.text);
  return { kind: 'text', text: maskContactsIn(input.text), ...(callMe ? { callMe } : {}) };
}

/** The input as kept for the record: a contact, shared or typed, never in the clear. */
function redact(input: DialogueInput, open: Prompt | undefined): DialogueInput {
  if (input.kind === 'contact') return { kind: 'contact', phone: input.phone && SEALED, email: input.email && SEALED };
  if (input.kind === 'text' && open?.kind === 'contact') return { kind: 'text', text: SEALED };
  if (input.kind === 'text') return { kind: 'text', text: input.text };
  return input;
}

const SEALED = '(kept only in the complaint, encrypted)';
