import type { Locale } from '@turbota/common';
import { sentimentOf, type Question, type SurveyPlan } from '@turbota/surveys';
import { CUSTOMER_TEXT_LIMIT } from './channel-limits';
import type { DialogueTexts, VariantSlot } from './dialogue-texts';
import { type DialogueState, type DialogueStep, isOpen } from './dialogue-state';
import { choiceOf, contactOf, isDecline, isEnd, isSkip, likertOf, scoreOf, textOf, yesNoOf } from './input-reading';
import { CASE_SLOT, type DialogueInput, type Prompt } from './prompt';
import { questionTag } from './question-tag';
import { choiceCodesOf, confirmCallbackPrompt, consentPrompt, contactPrompt, renderQuestion, resolutionPrompt, withEnd, withSkip } from './render';

/** What a step asks the world to record, in the same transaction as the new state. */
export type DialogueEffect =
  | { kind: 'answer'; question: Question; integral: boolean; score?: number; choice?: string; text?: string }
  | { kind: 'complaint'; reasonCode?: string; text?: string; score?: number; phone?: string; email?: string }
  | { kind: 'organic'; text?: string; voice?: { fileId: string; durationSeconds: number } }
  | { kind: 'opt_out' }
  /** The customer's answer to "is it solved?" about a resolved incident. */
  | { kind: 'resolution'; incidentId: string; solved: boolean }
  | { kind: 'completed' };

export interface DialogueContext {
  plan: SurveyPlan;
  locale: Locale;
  texts: DialogueTexts;
  customerName?: string;
  /** Uniform in [0, 1); injected so tests are reproducible. */
  random: () => number;
}

export interface StepResult {
  state: DialogueState;
  prompts: Prompt[];
  effects: DialogueEffect[];
  /**
   * Set when the input was refused as stale (a tap on a question answered already, or drawn for
   * another question): nothing changed; a quiet notice for the channel to show where it can (a toast).
   */
  notice?: string;
}

/** Opens a conversation: a short greeting (by name when known) and the integral question. */
export function startDialogue(ctx: DialogueContext): StepResult {
  const turn = new Turn(ctx, { step: { at: 'integral' }, lastVariants: {} });
  const greeting = ctx.customerName ? turn.say('greetingWithName').replace('{name}', ctx.customerName) : turn.say('greeting');
  return turn.ask({ at: 'integral' }, renderQuestion(ctx.plan.integral, ctx.locale, greeting));
}

/** What a follow-up after a resolved incident says, from the service standard. */
export interface FollowUp {
  incidentId: string;
  /** What was done, in the standard's words for the resolved incident. */
  announcement: string;
  /** The standard's reply to a customer who says it is not solved. */
  ifNotSolved: string;
}

/** Opens a follow-up conversation: what was done, and "is your issue solved now?". */
export function startFollowUp(ctx: DialogueContext, followUp: FollowUp): StepResult {
  const step: DialogueStep = { at: 'resolution', incidentId: followUp.incidentId, ifNotSolved: followUp.ifNotSolved };
  return new Turn(ctx, { step, lastVariants: {} }).ask(step, resolutionPrompt(ctx.texts, followUp.announcement));
}

/**
 * Applies one customer input to the state. Pure: the caller de-duplicates inputs (a
 * re-delivered webhook) and stores the new state with the effects in one transaction.
 */
export function continueDialogue(state: DialogueState, input: DialogueInput, ctx: DialogueContext): StepResult {
  if (isStale(state, input, ctx)) return { state, prompts: [], effects: [], notice: ctx.texts.alreadyAnswered };
  const turn = new Turn(ctx, structuredClone(state));
  if (input.kind === 'text' && input.callMe && !TAKES_CONTACT.has(state.step.at)) return turn.beginCallback(input.text, input.callMe);
  switch (input.kind) {
    case 'command':
      return input.command === 'stop' ? turn.stop() : turn.beginComplaint();
    case 'voice':
      return turn.organic({ voice: { fileId: input.fileId, durationSeconds: input.durationSeconds } });
    case 'start':
      return turn.repeat();
    default:
      return turn.answer(input);
  }
}

/** The steps where a typed contact is the answer itself, not a request to be called. */
const TAKES_CONTACT = new Set<DialogueStep['at']>(['contact', 'confirm_contact', 'stopped']);

/**
 * Whether a tap is for a question other than the open one: the conversation moved on (a double
 * or late tap), the button was drawn for another question (its tag differs), or its kind does
 * not fit (a scale's point for a Likert statement, a code the open question does not offer).
 */
function isStale(state: DialogueState, input: DialogueInput, ctx: DialogueContext): boolean {
  if (input.kind !== 'scale' && input.kind !== 'choice') return false;
  const open = openPrompt(state, ctx);
  if (!open || open.kind === 'text') return true;
  if (input.asked !== undefined && input.asked !== questionTag(open.questionCode)) return true;
  if (input.kind === 'scale') return open.kind !== 'scale';
  // A scale's point sent back as a choice (a channel without scale payloads) is still its answer.
  if (open.kind === 'scale' && /^\d{1,2}$/.test(input.code)) return false;
  return !choiceCodesOf(open).includes(input.code);
}

/** The question the conversation waits on, to show again (a reload, an unreadable input). */
export function openPrompt(state: DialogueState, ctx: DialogueContext): Prompt | undefined {
  const { plan, locale, texts } = ctx;
  const { step } = state;
  switch (step.at) {
    case 'integral':
      return renderQuestion(plan.integral, locale);
    case 'reason':
      return renderQuestion(plan.reason!, locale);
    case 'improvement':
      return withSkip(renderQuestion(plan.improvement!, locale), texts);
    case 'complaint_text':
      return { kind: 'free_text', questionCode: 'complaint', text: texts.complaintStart };
    case 'consent':
      return consentPrompt(texts);
    case 'contact':
      return contactPrompt(plan.contact!, locale, texts);
    case 'confirm_contact':
      return state.complaint?.contact && confirmCallbackPrompt(texts, state.complaint.contact);
    case 'resolution':
      return resolutionPrompt(texts);
    case 'drawn': {
      const question = plan.drawn[step.index];
      const prompt = question.type === 'free_text' ? withSkip(renderQuestion(question, locale), texts) : renderQuestion(question, locale);
      // After a complaint the customer may stop here: the survey has what matters most.
      return state.complained ? withEnd(prompt, texts) : prompt;
    }
    default:
      return undefined;
  }
}

type Answer = Exclude<DialogueInput, { kind: 'command' | 'voice' | 'start' }>;

/** One turn of the conversation: the state it moves, and what it says and records. */
class Turn {
  private readonly prompts: Prompt[] = [];
  private readonly effects: DialogueEffect[] = [];

  constructor(
    private readonly ctx: DialogueContext,
    private readonly state: DialogueState,
  ) {}

  /** A variant of a phrase, never the one this conversation heard last. */
  say(slot: VariantSlot): string {
    const variants = this.ctx.texts[slot];
    let index = Math.floor(this.ctx.random() * variants.length);
    if (variants.length > 1 && index === this.state.lastVariants[slot]) index = (index + 1) % variants.length;
    this.state.lastVariants[slot] = index;
    return variants[index];
  }

  answer(input: Answer): StepResult {
    const { step } = this.state;
    switch (step.at) {
      case 'integral':
        return this.onIntegral(input);
      case 'reason':
        return this.onReason(input);
      case 'improvement':
        return this.onFreeText(input, this.ctx.plan.improvement!, () => this.nextDrawn(0));
      case 'complaint_text':
        return this.onComplaintText(input);
      case 'consent':
        return this.onConsent(input);
      case 'contact':
        return this.onContact(input);
      case 'confirm_contact':
        return this.onConfirmContact(input);
      case 'drawn':
        return this.onDrawn(input, step.index);
      case 'resolution':
        return this.onResolution(input, step);
      default:
        return input.kind === 'text' ? this.organic({ text: input.text }) : this.result();
    }
  }

  beginComplaint(): StepResult {
    const at = this.state.step.at;
    if (at === 'complaint_text' || at === 'consent' || at === 'contact' || at === 'confirm_contact') return this.repeat();
    this.state.complaint = { origin: 'command', resume: this.state.step };
    return this.ask({ at: 'complaint_text' }, openPrompt({ ...this.state, step: { at: 'complaint_text' } }, this.ctx)!);
  }

  /**
   * Words asking to be called, with a contact in them: the words answer the open free-text
   * question (or are the complaint being taken), and the customer is asked to confirm the contact.
   */
  beginCallback(text: string, contact: { phone: string } | { email: string }): StepResult {
    const { step, complaint } = this.state;
    const resume = this.answerWithWords(step, text);
    const words = textOf({ kind: 'text', text });
    this.state.complaint = complaint
      ? { ...complaint, text: complaint.text ?? words, contact }
      : { origin: 'callback', text: words, resume, contact };
    return this.ask({ at: 'confirm_contact' }, confirmCallbackPrompt(this.ctx.texts, contact));
  }

  stop(): StepResult {
    this.effects.push({ kind: 'opt_out' });
    this.prompts.push({ kind: 'text', text: this.ctx.texts.optedOut });
    this.state.step = { at: 'stopped' };
    return this.result();
  }

  /** Words or a voice note outside a question: kept as organic feedback; the open question is asked again. */
  organic(feedback: { text?: string; voice?: { fileId: string; durationSeconds: number } }): StepResult {
    this.effects.push({ kind: 'organic', ...feedback, text: feedback.text?.trim().slice(0, CUSTOMER_TEXT_LIMIT) });
    this.prompts.push({ kind: 'text', text: this.ctx.texts.noted });
    return this.repeat();
  }

  /** Asks the open question again. */
  repeat(): StepResult {
    const open = openPrompt(this.state, this.ctx);
    if (open) this.prompts.push(open);
    return this.result();
  }

  ask(step: DialogueStep, prompt: Prompt): StepResult {
    this.state.step = step;
    this.prompts.push(prompt);
    return this.result();
  }

  private result(): StepResult {
    return { state: this.state, prompts: this.prompts, effects: this.effects };
  }

  private onIntegral(input: Answer): StepResult {
    const { plan, locale } = this.ctx;
    const score = scoreOf(input, plan.integral);
    if (score === undefined) return input.kind === 'text' ? this.organic({ text: input.text }) : this.repeat();
    this.effects.push({ kind: 'answer', question: plan.integral, integral: true, score });
    this.state.integralScore = score;
    this.state.sentiment = sentimentOf(plan.integral.type as 'nps' | 'ces' | 'csat', score);
    if (this.state.sentiment === 'negative') {
      const apology = this.say('apology');
      // The complaint of this conversation is taken already (/complain before the score): its reason and contact are not asked again.
      if (this.state.complained) {
        this.prompts.push({ kind: 'text', text: apology });
        return this.nextDrawn(0);
      }
      this.state.complaint = { origin: 'score' };
      if (plan.reason) return this.ask({ at: 'reason' }, renderQuestion(plan.reason, locale, apology));
      this.prompts.push({ kind: 'text', text: apology });
      return this.offerContact();
    }
    if (this.state.sentiment === 'neutral' && plan.improvement) {
      return this.ask({ at: 'improvement' }, withSkip(renderQuestion(plan.improvement, locale, this.say('passiveThanks')), this.ctx.texts));
    }
    if (this.state.sentiment === 'positive') this.thankPromoter();
    return this.nextDrawn(0);
  }

  private onReason(input: Answer): StepResult {
    const question = this.ctx.plan.reason!;
    const answer = choiceOf(input, question, this.ctx.locale);
    if (!answer) return this.repeat();
    this.effects.push({ kind: 'answer', question, integral: false, ...answer });
    this.state.complaint = { origin: 'score', ...('choice' in answer ? { reasonCode: answer.choice } : { text: answer.text }) };
    return this.offerContact();
  }

  private onComplaintText(input: Answer): StepResult {
    const text = textOf(input);
    if (!text) return this.repeat();
    this.state.complaint = { origin: 'command', ...this.state.complaint, text };
    return this.offerContact();
  }

  /** Where the words go when they ask to be called: the answer to an open free-text question; the step to come back to. */
  private answerWithWords(step: DialogueStep, text: string): DialogueStep {
    const { plan } = this.ctx;
    const words = textOf({ kind: 'text', text });
    if (step.at === 'improvement' && words) {
      this.effects.push({ kind: 'answer', question: plan.improvement!, integral: false, text: words });
      return { at: 'drawn', index: 0 };
    }
    if (step.at === 'drawn' && plan.drawn[step.index].type === 'free_text' && words) {
      this.effects.push({ kind: 'answer', question: plan.drawn[step.index], integral: false, text: words });
      return { at: 'drawn', index: step.index + 1 };
    }
    if (step.at === 'reason' && words) this.effects.push({ kind: 'answer', question: plan.reason!, integral: false, text: words });
    return step;
  }

  /** A conversation stored while it waited on the former "may we contact you?" question. */
  private onConsent(input: Answer): StepResult {
    const said = yesNoOf(input, this.ctx.texts);
    if (said === 'yes') return this.ask({ at: 'contact' }, openPrompt({ ...this.state, step: { at: 'contact' } }, this.ctx)!);
    if (said === 'no') return this.recordComplaint({});
    return input.kind === 'text' ? this.organic({ text: input.text }) : this.repeat();
  }

  /** Yes: the typed contact is the one; no: the contact question, to give another or decline. */
  private onConfirmContact(input: Answer): StepResult {
    const said = yesNoOf(input, this.ctx.texts);
    const pending = this.state.complaint?.contact;
    if (said === 'yes' && pending) return this.recordComplaint(pending);
    const typed = contactOf(input);
    if (typed) return this.recordComplaint(typed);
    if (said === 'no' || !pending) {
      this.state.complaint = this.state.complaint && { ...this.state.complaint, contact: undefined };
      return this.offerContact();
    }
    return this.repeat();
  }

  private onContact(input: Answer): StepResult {
    if (isDecline(input, this.ctx.texts)) return this.recordComplaint({});
    const contact = contactOf(input);
    if (!contact) {
      this.prompts.push({ kind: 'text', text: this.ctx.texts.invalidContact });
      return this.repeat();
    }
    return this.recordComplaint(contact);
  }

  /** Yes closes the incident, no reopens it; either way the conversation ends with the fitting reply. */
  private onResolution(input: Answer, step: Extract<DialogueStep, { at: 'resolution' }>): StepResult {
    const said = yesNoOf(input, this.ctx.texts);
    if (!said) return input.kind === 'text' ? this.organic({ text: input.text }) : this.repeat();
    this.effects.push({ kind: 'resolution', incidentId: step.incidentId, solved: said === 'yes' }, { kind: 'completed' });
    this.prompts.push({ kind: 'text', text: said === 'yes' ? this.say('resolutionThanks') : step.ifNotSolved });
    this.state.step = { at: 'done' };
    return this.result();
  }

  private onDrawn(input: Answer, index: number): StepResult {
    if (this.state.complained && isEnd(input, this.ctx.texts)) return this.nextDrawn(this.ctx.plan.drawn.length);
    const question = this.ctx.plan.drawn[index];
    const next = () => this.nextDrawn(index + 1);
    if (question.type === 'free_text') return this.onFreeText(input, question, next);
    if (question.type === 'single_choice') {
      const answer = choiceOf(input, question, this.ctx.locale);
      if (!answer) return this.repeat();
      this.effects.push({ kind: 'answer', question, integral: false, ...answer });
      return next();
    }
    const score = question.type === 'likert' ? likertOf(input, this.ctx.locale) : scoreOf(input, question);
    if (score === undefined) return input.kind === 'text' ? this.organic({ text: input.text }) : this.repeat();
    this.effects.push({ kind: 'answer', question, integral: false, score });
    return next();
  }

  private onFreeText(input: Answer, question: Question, next: () => StepResult): StepResult {
    if (isSkip(input, this.ctx.texts)) return next();
    const text = textOf(input);
    if (!text) return this.repeat();
    this.effects.push({ kind: 'answer', question, integral: false, text });
    return next();
  }

  /** The contact question, unless this conversation has the customer's contact already (or the survey asks for none). */
  private offerContact(): StepResult {
    if (!this.ctx.plan.contact || this.state.complained?.withContact) return this.recordComplaint({});
    return this.ask({ at: 'contact' }, contactPrompt(this.ctx.plan.contact, this.ctx.locale, this.ctx.texts));
  }

  /**
   * The complaint, with contacts when given, then back to where the dialogue was going. The
   * thanks end with the case slot, which the recorder fills with the incident's number and
   * when to expect contact (or leaves empty when the complaint opened no incident).
   */
  private recordComplaint(contact: { phone?: string; email?: string }): StepResult {
    const { reasonCode, text, origin, resume } = this.state.complaint ?? { origin: 'command' };
    const score = origin === 'score' ? this.state.integralScore : undefined;
    this.effects.push({ kind: 'complaint', reasonCode, text, score, ...contact });
    const withContact = Boolean(contact.phone || contact.email || this.state.complained?.withContact);
    this.prompts.push({ kind: 'text', text: `${this.say(withContact ? 'contactThanks' : 'noContactThanks')}\n${CASE_SLOT}` });
    this.state.complaint = undefined;
    this.state.complained = { withContact };
    if (origin === 'score') return this.nextDrawn(0);
    if (resume?.at === 'drawn') return this.nextDrawn(resume.index);
    if (resume && isOpen({ ...this.state, step: resume })) {
      this.state.step = resume;
      return this.repeat();
    }
    this.state.step = resume ?? { at: 'done' };
    return this.result();
  }

  private thankPromoter(): void {
    const thanks = this.say('promoterThanks');
    const { reviewUrl } = this.ctx.plan;
    const review = reviewUrl ? `\n${this.ctx.texts.reviewInvitation.replace('{reviewUrl}', reviewUrl)}` : '';
    this.prompts.push({ kind: 'text', text: `${thanks}${review}` });
  }

  private nextDrawn(index: number): StepResult {
    if (index >= this.ctx.plan.drawn.length) {
      this.prompts.push({ kind: 'text', text: this.say('closing') });
      this.effects.push({ kind: 'completed' });
      this.state.step = { at: 'done' };
      return this.result();
    }
    this.state.step = { at: 'drawn', index };
    return this.repeat();
  }
}
