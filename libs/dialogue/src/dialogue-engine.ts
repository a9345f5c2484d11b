import type { Locale } from '@turbota/common';
import { sentimentOf, type Question, type SurveyPlan } from '@turbota/surveys';
import type { DialogueTexts, VariantSlot } from './dialogue-texts';
import { type DialogueState, type DialogueStep, isOpen } from './dialogue-state';
import { choiceOf, contactOf, isSkip, likertOf, scoreOf, textOf, yesNoOf } from './input-reading';
import type { DialogueInput, Prompt } from './prompt';
import { consentPrompt, renderQuestion, resolutionPrompt, withShare, withSkip } from './render';

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
  const turn = new Turn(ctx, structuredClone(state));
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
      return withShare(renderQuestion(plan.contact!, locale), texts);
    case 'resolution':
      return resolutionPrompt(texts);
    case 'drawn': {
      const question = plan.drawn[step.index];
      return question.type === 'free_text' ? withSkip(renderQuestion(question, locale), texts) : renderQuestion(question, locale);
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
    if (at === 'complaint_text' || at === 'consent' || at === 'contact') return this.repeat();
    this.state.complaint = { origin: 'command', resume: this.state.step };
    return this.ask({ at: 'complaint_text' }, openPrompt({ ...this.state, step: { at: 'complaint_text' } }, this.ctx)!);
  }

  stop(): StepResult {
    this.effects.push({ kind: 'opt_out' });
    this.prompts.push({ kind: 'text', text: this.ctx.texts.optedOut });
    this.state.step = { at: 'stopped' };
    return this.result();
  }

  /** Words or a voice note outside a question: kept as organic feedback; the open question is asked again. */
  organic(feedback: { text?: string; voice?: { fileId: string; durationSeconds: number } }): StepResult {
    this.effects.push({ kind: 'organic', ...feedback, text: feedback.text?.trim().slice(0, 4000) });
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
      this.state.complaint = { origin: 'score' };
      const apology = this.say('apology');
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

  private onConsent(input: Answer): StepResult {
    const said = yesNoOf(input, this.ctx.texts);
    if (said === 'yes') return this.ask({ at: 'contact' }, openPrompt({ ...this.state, step: { at: 'contact' } }, this.ctx)!);
    if (said === 'no') return this.recordComplaint({});
    return input.kind === 'text' ? this.organic({ text: input.text }) : this.repeat();
  }

  private onContact(input: Answer): StepResult {
    if (input.kind === 'choice' && input.code === 'no') return this.recordComplaint({});
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

  private offerContact(): StepResult {
    if (!this.ctx.plan.contact) return this.recordComplaint({});
    return this.ask({ at: 'consent' }, consentPrompt(this.ctx.texts));
  }

  /** The complaint, with contacts when given, then back to where the dialogue was going. */
  private recordComplaint(contact: { phone?: string; email?: string }): StepResult {
    const { reasonCode, text, origin, resume } = this.state.complaint ?? { origin: 'command' };
    const score = origin === 'score' ? this.state.integralScore : undefined;
    this.effects.push({ kind: 'complaint', reasonCode, text, score, ...contact });
    this.prompts.push({ kind: 'text', text: this.say(contact.phone || contact.email ? 'contactThanks' : 'noContactThanks') });
    this.state.complaint = undefined;
    if (origin === 'score') return this.nextDrawn(0);
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
