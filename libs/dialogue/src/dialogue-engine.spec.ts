import { readFileSync } from 'node:fs';
import { projectPath } from '@turbota/common';
import { seededRandom } from '@turbota/common';
import { LIKERT_LABELS, planSurvey, type SurveyPlan } from '@turbota/surveys';
import { sampleQuestions } from '../../surveys/src/testing/sample-questions';
import { continueDialogue, type DialogueContext, type DialogueEffect, openPrompt, startDialogue, startFollowUp, type StepResult } from './dialogue-engine';
import type { DialogueState } from './dialogue-state';
import type { DialogueTexts } from './dialogue-texts';
import { CASE_SLOT, type DialogueInput, END_CODE } from './prompt';
import { questionTag } from './question-tag';

const TEXTS = (JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<'en', DialogueTexts>).en;

function context(overrides: Partial<DialogueContext> = {}, plan: Partial<SurveyPlan> = {}): DialogueContext {
  const base = planSurvey({
    policy: { integralMetric: 'nps', maxQuestions: 2, reasonQuestion: 'reason', improvementQuestion: 'improvement', contactQuestion: 'contact', reviewUrl: null },
    questions: sampleQuestions().filter((q) => q.code !== 'ces' && q.code !== 'csat'),
    drawnCounts: new Map(),
    random: seededRandom(11),
  });
  return { plan: { ...base, ...plan }, locale: 'en', texts: TEXTS, random: seededRandom(1), ...overrides };
}

/** Feeds inputs one by one, as a channel would, through a JSON round trip like the database's. */
function run(ctx: DialogueContext, ...inputs: DialogueInput[]): { steps: StepResult[]; state: DialogueState; effects: DialogueEffect[] } {
  const steps = [startDialogue(ctx)];
  for (const input of inputs) {
    const stored = JSON.parse(JSON.stringify(steps[steps.length - 1].state)) as DialogueState;
    steps.push(continueDialogue(stored, input, ctx));
  }
  return { steps, state: steps[steps.length - 1].state, effects: steps.flatMap((s) => s.effects) };
}

const kinds = (effects: DialogueEffect[]) => effects.map((e) => (e.kind === 'answer' ? `answer:${e.question.code}` : e.kind));
const likert = (): DialogueInput => ({ kind: 'choice', code: '4' });

describe('dialogue engine', () => {
  it('opens with a short greeting and the NPS scale, by name when known', () => {
    const [first] = run(context({ customerName: 'Olena' })).steps;
    expect(first.prompts).toHaveLength(1);
    expect(first.prompts[0]).toMatchObject({ kind: 'scale', questionCode: 'nps', min: 0, max: 10, lowLabel: 'Not at all', highLabel: 'Very likely' });
    expect(first.prompts[0].kind === 'scale' && first.prompts[0].text).toMatch(/Olena/);
    expect(first.state.step).toEqual({ at: 'integral' });
  });

  it('detractor: apology with the reasons, then the contact request with share and "No, thanks" at once -> a complaint with contacts, the drawn questions and thanks', () => {
    const ctx = context();
    const { steps, state, effects } = run(ctx, { kind: 'scale', value: 2 }, { kind: 'choice', code: 'waiting' }, { kind: 'text', text: '067 123 45 67' });
    expect(steps[1].prompts[0]).toMatchObject({ kind: 'choice', questionCode: 'reason' });
    expect(TEXTS.apology.some((a) => steps[1].prompts[0].kind === 'choice' && steps[1].prompts[0].text.startsWith(a))).toBe(true);
    // No "may we contact you?" yes/no before it: the share button is the consent.
    expect(steps[2].prompts).toHaveLength(1);
    expect(steps[2].prompts[0]).toMatchObject({ kind: 'contact', questionCode: 'contact', accepts: ['phone', 'email'], shareLabel: TEXTS.sharePhone, declineLabel: TEXTS.noThanks });
    expect((steps[2].prompts[0] as { text: string }).text.startsWith(TEXTS.consentQuestion)).toBe(true);
    expect(TEXTS.contactThanks.some((t) => (steps[3].prompts[0] as { text: string }).text === `${t}\n${CASE_SLOT}`)).toBe(true);
    expect(steps[3].prompts[1]).toMatchObject({ questionCode: ctx.plan.drawn[0].code, endLabel: TEXTS.thatsAll });
    expect(effects).toContainEqual({ kind: 'complaint', reasonCode: 'waiting', text: undefined, score: 2, phone: '+380671234567' });
    expect(kinds(effects)).toEqual(['answer:nps', 'answer:reason', 'complaint']);
    expect(state.step).toEqual({ at: 'drawn', index: 0 });
    const end = run(ctx, { kind: 'scale', value: 2 }, { kind: 'choice', code: 'waiting' }, { kind: 'choice', code: 'no' }, likert(), likert());
    expect(kinds(end.effects)).toEqual(['answer:nps', 'answer:reason', 'complaint', ...ctx.plan.drawn.map((q) => `answer:${q.code}`), 'completed']);
    expect(end.effects.find((e) => e.kind === 'complaint')).toEqual({ kind: 'complaint', reasonCode: 'waiting', text: undefined, score: 2 });
    expect(end.state.step).toEqual({ at: 'done' });
    expect(TEXTS.closing).toContain((end.steps[5].prompts[0] as { text: string }).text);
    const declinedInWords = run(ctx, { kind: 'scale', value: 2 }, { kind: 'choice', code: 'waiting' }, { kind: 'text', text: ' no, thanks ' });
    expect(declinedInWords.effects.find((e) => e.kind === 'complaint')).toEqual({ kind: 'complaint', reasonCode: 'waiting', text: undefined, score: 2 });
  });

  it('after a complaint each drawn question offers "That\'s all", which ends the survey with the thanks', () => {
    const ctx = context();
    const { steps, state, effects } = run(ctx, { kind: 'scale', value: 2 }, { kind: 'choice', code: 'waiting' }, { kind: 'contact', phone: '+380671234567' }, { kind: 'choice', code: END_CODE });
    expect(kinds(effects)).toEqual(['answer:nps', 'answer:reason', 'complaint', 'completed']);
    expect(state.step).toEqual({ at: 'done' });
    expect(TEXTS.closing).toContain((steps[4].prompts[0] as { text: string }).text);
    // A promoter's survey has no such button.
    expect(run(ctx, { kind: 'scale', value: 10 }).steps[1].prompts[1]).not.toHaveProperty('endLabel');
  });

  it('a complaint with contacts is not asked for contacts again, and the survey after it skips the reason and contact', () => {
    const ctx = context();
    const { steps, effects, state } = run(
      ctx,
      { kind: 'command', command: 'complain' },
      { kind: 'text', text: 'The card reader is broken' },
      { kind: 'contact', email: 'olena@example.com' },
      { kind: 'scale', value: 2 },
      { kind: 'command', command: 'complain' },
      { kind: 'text', text: 'And nobody answered the phone' },
    );
    expect(steps[3].prompts.map((p) => p.kind)).toEqual(['text', 'scale']);
    // The low score: an apology and the drawn questions, no reason, no "may we contact you?".
    expect(steps[4].prompts.map((p) => ('questionCode' in p ? p.questionCode : p.kind))).toEqual(['text', ctx.plan.drawn[0].code]);
    // A second /complain is taken without asking for contacts again: it joins the case.
    expect(steps[6].prompts.map((p) => p.kind)).toEqual(['text', 'choice']);
    expect((steps[6].prompts[0] as { text: string }).text).toContain(CASE_SLOT);
    expect(kinds(effects)).toEqual(['complaint', 'answer:nps', 'complaint']);
    expect(state.step).toEqual({ at: 'drawn', index: 0 });
  });
  it('detractor may name the reason in their own words', () => {
    const { effects } = run(context(), { kind: 'scale', value: 0 }, { kind: 'text', text: '  The line dropped twice  ' }, { kind: 'choice', code: 'no' });
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'answer', text: 'The line dropped twice' }));
    expect(effects).toContainEqual({ kind: 'complaint', reasonCode: undefined, text: 'The line dropped twice', score: 0 });
  });

  it('asks again politely for a bad phone or e-mail and stores nothing of it', () => {
    const { steps, effects, state } = run(context(), { kind: 'scale', value: 3 }, { kind: 'choice', code: 'unsolved' }, { kind: 'text', text: '12345' }, { kind: 'contact', email: 'olena@@x' });
    for (const step of steps.slice(3)) {
      expect(step.prompts.map((p) => p.kind)).toEqual(['text', 'contact']);
      expect((step.prompts[0] as { text: string }).text).toBe(TEXTS.invalidContact);
    }
    expect(kinds(effects)).toEqual(['answer:nps', 'answer:reason']);
    expect(state.step).toEqual({ at: 'contact' });
    const shared = continueDialogue(state, { kind: 'contact', phone: '+380671234567' }, context());
    expect(shared.effects).toContainEqual(expect.objectContaining({ kind: 'complaint', phone: '+380671234567', reasonCode: 'unsolved' }));
  });

  it('passive: asks what could be better, which may be skipped', () => {
    const ctx = context();
    const { steps, effects } = run(ctx, { kind: 'scale', value: 7 }, { kind: 'choice', code: 'skip' });
    expect(steps[1].prompts[0]).toMatchObject({ kind: 'free_text', questionCode: 'improvement', skipLabel: 'Skip' });
    expect(kinds(effects)).toEqual(['answer:nps']);
    expect(steps[2].state.step).toEqual({ at: 'drawn', index: 0 });
    const answered = run(ctx, { kind: 'scale', value: 8 }, { kind: 'text', text: 'Shorter queue' });
    expect(answered.effects).toContainEqual(expect.objectContaining({ kind: 'answer', text: 'Shorter queue' }));
  });

  it('promoter: thanks, with the review link when configured, then the drawn questions', () => {
    const { steps } = run(context({}, { reviewUrl: 'https://example.com/review' }), { kind: 'scale', value: 10 });
    const thanks = (steps[1].prompts[0] as { text: string }).text;
    expect(TEXTS.promoterThanks.some((t) => thanks.startsWith(t))).toBe(true);
    expect(thanks).toContain('https://example.com/review');
    expect(steps[1].prompts[1]).toMatchObject({ kind: 'choice' });
    // A Likert statement: the instruction first, the buttons from disagree (1) to agree (5), as the scales run.
    const statement = steps[1].prompts[1] as { text: string; questionCode: string; options: { code: string; label: string }[] };
    expect(statement.options).toEqual([
      { code: '1', label: 'Strongly disagree' },
      { code: '2', label: 'Somewhat disagree' },
      { code: '3', label: 'Hard to say' },
      { code: '4', label: 'Somewhat agree' },
      { code: '5', label: 'Strongly agree' },
    ]);
    expect(statement.text).toMatch(/How far do you agree with this statement\?\n.+$/);
  });

  it('takes an option\'s label sent back as text as that option (channels with suggested actions)', () => {
    const ctx = context();
    const { effects, state } = run(ctx, { kind: 'scale', value: 1 }, { kind: 'text', text: ' issue not solved ' }, { kind: 'text', text: 'No' });
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'answer', choice: 'unsolved' }));
    expect(effects).toContainEqual({ kind: 'complaint', reasonCode: 'unsolved', text: undefined, score: 1 });
    const likertByLabel = continueDialogue(state, { kind: 'text', text: LIKERT_LABELS.en[1] }, ctx);
    expect(likertByLabel.effects[0]).toMatchObject({ kind: 'answer', score: 4 });
    const passive = run(ctx, { kind: 'scale', value: 7 }, { kind: 'text', text: 'skip' });
    expect(kinds(passive.effects)).toEqual(['answer:nps']);
  });

  it('takes a typed digit as a score, and keeps other words as organic feedback while asking again', () => {
    const ctx = context();
    const typed = run(ctx, { kind: 'text', text: ' 9 ' });
    expect(kinds(typed.effects)).toEqual(['answer:nps']);
    const words = run(ctx, { kind: 'text', text: 'Why do you ask?' }, { kind: 'scale', value: 11 });
    expect(words.steps[1].effects).toEqual([{ kind: 'organic', text: 'Why do you ask?' }]);
    expect(words.steps[1].prompts.map((p) => p.kind)).toEqual(['text', 'scale']);
    expect(words.steps[2].effects).toEqual([]);
    expect(words.steps[2].prompts.map((p) => p.kind)).toEqual(['scale']);
    expect(words.state.step).toEqual({ at: 'integral' });
  });

  it('/complain in the middle takes the complaint and returns to the open question', () => {
    const ctx = context();
    const { steps, effects, state } = run(ctx, { kind: 'scale', value: 9 }, { kind: 'command', command: 'complain' }, { kind: 'text', text: 'Rude guard' }, { kind: 'contact', email: 'Olena@Example.com' });
    expect(steps[2].prompts[0]).toMatchObject({ kind: 'free_text', questionCode: 'complaint' });
    expect(steps[3].prompts[0]).toMatchObject({ kind: 'contact', declineLabel: TEXTS.noThanks });
    expect(effects).toContainEqual({ kind: 'complaint', reasonCode: undefined, text: 'Rude guard', score: undefined, email: 'Olena@example.com' });
    expect(state.step).toEqual({ at: 'drawn', index: 0 });
    expect(steps[4].prompts[1]).toMatchObject({ questionCode: ctx.plan.drawn[0].code });
  });

  it('/complain after the survey ends records the complaint and ends again', () => {
    const ctx = context({}, { drawn: [] });
    const { state, effects } = run(ctx, { kind: 'scale', value: 10 }, { kind: 'command', command: 'complain' }, { kind: 'text', text: 'Forgot: the card reader is broken' }, { kind: 'choice', code: 'no' });
    expect(kinds(effects)).toEqual(['answer:nps', 'completed', 'complaint']);
    expect(state.step).toEqual({ at: 'done' });
  });

  it('/stop opts out at any point and ends the dialogue; later words are kept as feedback', () => {
    const { steps, state, effects } = run(context(), { kind: 'scale', value: 5 }, { kind: 'command', command: 'stop' }, { kind: 'scale', value: 3 }, { kind: 'text', text: 'ok' });
    expect(steps[2].prompts).toEqual([{ kind: 'text', text: TEXTS.optedOut }]);
    expect(kinds(effects)).toEqual(['answer:nps', 'opt_out', 'organic']);
    expect(state.step).toEqual({ at: 'stopped' });
    expect(steps[3].prompts).toEqual([]);
  });

  it('keeps a voice note as organic feedback', () => {
    const { steps } = run(context(), { kind: 'voice', fileId: 'f1', durationSeconds: 12 });
    expect(steps[1].effects).toEqual([{ kind: 'organic', voice: { fileId: 'f1', durationSeconds: 12 }, text: undefined }]);
  });

  it('CES and CSAT: a low score is negative, a high one positive', () => {
    const questions = sampleQuestions();
    const ces = context({}, { integral: questions.find((q) => q.code === 'ces')! });
    expect(run(ces, { kind: 'scale', value: 3 }).state.step).toEqual({ at: 'reason' });
    expect(run(ces, { kind: 'scale', value: 6 }).state.step).toEqual({ at: 'drawn', index: 0 });
    expect(run(ces, { kind: 'scale', value: 0 }).state.step).toEqual({ at: 'integral' });
    const csat = context({}, { integral: questions.find((q) => q.code === 'csat')! });
    expect(run(csat, { kind: 'scale', value: 3 }).state.step).toEqual({ at: 'improvement' });
    expect(run(csat, { kind: 'scale', value: 6 }).state.step).toEqual({ at: 'integral' });
  });

  it('without reason or contact questions a detractor still leaves a complaint', () => {
    const ctx = context({}, { reason: undefined, contact: undefined });
    const { steps, effects } = run(ctx, { kind: 'scale', value: 1 });
    expect(steps[1].prompts[0].kind).toBe('text');
    expect(effects).toContainEqual({ kind: 'complaint', reasonCode: undefined, text: undefined, score: 1 });
  });

  it('is pure: the same state and input give the same result, and the input state is not changed', () => {
    const ctx = () => context();
    const { state } = run(ctx(), { kind: 'scale', value: 2 });
    const frozen = JSON.stringify(state);
    const a = continueDialogue(state, { kind: 'choice', code: 'waiting' }, ctx());
    const b = continueDialogue(state, { kind: 'choice', code: 'waiting' }, ctx());
    expect(JSON.stringify(state)).toBe(frozen);
    expect(a).toEqual(b);
  });

  it('never says the same variant twice in a row in one conversation', () => {
    const ctx = context();
    let state = startDialogue(ctx).state;
    let last: string | undefined;
    for (let i = 0; i < 30; i++) {
      const complaint = continueDialogue(state, { kind: 'command', command: 'complain' }, ctx);
      const text = continueDialogue(complaint.state, { kind: 'text', text: 'again' }, ctx);
      const done = continueDialogue(text.state, { kind: 'choice', code: 'no' }, ctx);
      const said = (done.prompts[0] as { text: string }).text;
      expect(said).not.toBe(last);
      last = said;
      state = done.state;
    }
  });

  it('shows the open question again after a reload', () => {
    const ctx = context();
    const { state } = run(ctx, { kind: 'scale', value: 2 }, { kind: 'choice', code: 'waiting' });
    expect(openPrompt(state, ctx)).toMatchObject({ kind: 'contact', questionCode: 'contact' });
    expect(continueDialogue(state, { kind: 'start' }, ctx).prompts).toEqual([openPrompt(state, ctx)]);
  });
});

describe('words asking to be called', () => {
  it('a passive who types "call me" with a number is asked to confirm it, shown in full; yes makes a complaint with it', () => {
    const ctx = context();
    const callMe: DialogueInput = { kind: 'text', text: 'call me 067•••4567', callMe: { phone: '+380671234567' } };
    const { steps, effects, state } = run(ctx, { kind: 'scale', value: 7 }, callMe, { kind: 'choice', code: 'yes' });
    expect(steps[2].prompts).toEqual([
      expect.objectContaining({ kind: 'choice', questionCode: 'confirm_contact', text: TEXTS.confirmCallback.replace('{contact}', '+380671234567') }),
    ]);
    expect(steps[2].state.complaint?.contact).toEqual({ phone: '+380671234567' });
    // The words answered "what could be better?"; the complaint carries them (masked) and the number.
    expect(kinds(effects)).toEqual(['answer:nps', 'answer:improvement', 'complaint']);
    expect(effects.find((e) => e.kind === 'complaint')).toEqual({ kind: 'complaint', reasonCode: undefined, text: 'call me 067•••4567', score: undefined, phone: '+380671234567' });
    expect((steps[3].prompts[0] as { text: string }).text).toContain(CASE_SLOT);
    expect(state.complaint).toBeUndefined();
    expect(state.step).toEqual({ at: 'drawn', index: 0 });
  });

  it('no: the contact question, to give another contact or decline', () => {
    const ctx = context();
    const callMe: DialogueInput = { kind: 'text', text: 'перезвоните 067•••4567', callMe: { phone: '+380671234567' } };
    const { steps, effects } = run(ctx, { kind: 'scale', value: 7 }, callMe, { kind: 'choice', code: 'no' }, { kind: 'text', text: 'olena@example.com' });
    expect(steps[3].prompts[0]).toMatchObject({ kind: 'contact', declineLabel: TEXTS.noThanks });
    expect(effects.find((e) => e.kind === 'complaint')).toMatchObject({ email: 'olena@example.com' });
    expect(effects.find((e) => e.kind === 'complaint')).not.toHaveProperty('phone');
  });
});

describe('stale and double taps', () => {
  const ctx = context();
  const atDrawn = () => run(ctx, { kind: 'scale', value: 9 }).state;
  const likertCode = () => ctx.plan.drawn[0].code;

  it('a scale payload against a Likert statement is refused as stale: nothing recorded, nothing re-sent, a quiet notice', () => {
    expect(ctx.plan.drawn[0].type).toBe('likert');
    const state = atDrawn();
    for (const input of [{ kind: 'scale', value: 2 }, { kind: 'scale', value: 2, asked: questionTag(likertCode()) }] as DialogueInput[]) {
      const result = continueDialogue(state, input, ctx);
      expect(result).toEqual({ state, prompts: [], effects: [], notice: TEXTS.alreadyAnswered });
    }
  });

  it('a second tap on the answered NPS (its tag) changes nothing, whatever it says', () => {
    const state = atDrawn();
    const nps = questionTag('nps');
    for (const input of [{ kind: 'scale', value: 0, asked: nps }, { kind: 'choice', code: '4', asked: nps }] as DialogueInput[]) {
      expect(continueDialogue(state, input, ctx)).toEqual({ state, prompts: [], effects: [], notice: TEXTS.alreadyAnswered });
    }
    // The same tap drawn for the open question is its answer.
    const taken = continueDialogue(state, { kind: 'choice', code: '4', asked: questionTag(likertCode()) }, ctx);
    expect(kinds(taken.effects)).toEqual([`answer:${likertCode()}`]);
    expect(taken.notice).toBeUndefined();
  });

  it('a tap after the survey ended, or a code the open question does not offer, is stale too', () => {
    const done = run(context({}, { drawn: [] }), { kind: 'scale', value: 10 }).state;
    expect(continueDialogue(done, { kind: 'scale', value: 3 }, ctx).notice).toBe(TEXTS.alreadyAnswered);
    const atReason = run(ctx, { kind: 'scale', value: 2 }).state;
    expect(continueDialogue(atReason, { kind: 'choice', code: 'yes' }, ctx)).toMatchObject({ prompts: [], effects: [], notice: TEXTS.alreadyAnswered });
  });
});

describe('follow-up after a resolved incident', () => {
  const followUp = { incidentId: 'inc-1', announcement: 'We have sorted out your complaint.', ifNotSolved: 'We are sorry. We have reopened it.' };
  const answer = (input: DialogueInput) => {
    const ctx = context();
    const first = startFollowUp(ctx, followUp);
    return { first, next: continueDialogue(JSON.parse(JSON.stringify(first.state)) as DialogueState, input, ctx) };
  };

  it('says what was done and asks whether it is solved, with yes and no', () => {
    const { first } = answer({ kind: 'choice', code: 'yes' });
    expect(first.prompts).toEqual([
      {
        kind: 'choice',
        questionCode: 'resolution',
        text: `We have sorted out your complaint.\n\n${TEXTS.resolutionQuestion}`,
        options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }],
        allowsText: false,
      },
    ]);
    expect(first.effects).toEqual([]);
    expect(openPrompt(first.state, context())).toMatchObject({ questionCode: 'resolution', text: TEXTS.resolutionQuestion });
  });

  it('yes: records it solved, thanks the customer and ends', () => {
    const { next } = answer({ kind: 'choice', code: 'yes' });
    expect(next.effects).toEqual([{ kind: 'resolution', incidentId: 'inc-1', solved: true }, { kind: 'completed' }]);
    expect(TEXTS.resolutionThanks).toContain((next.prompts[0] as { text: string }).text);
    expect(next.state.step).toEqual({ at: 'done' });
  });

  it('no (typed as the word): records it not solved and answers in the standard\'s words', () => {
    const { next } = answer({ kind: 'text', text: ' no ' });
    expect(next.effects).toEqual([{ kind: 'resolution', incidentId: 'inc-1', solved: false }, { kind: 'completed' }]);
    expect(next.prompts).toEqual([{ kind: 'text', text: 'We are sorry. We have reopened it.' }]);
  });

  it('other words are kept as feedback and the question is asked again', () => {
    const { next } = answer({ kind: 'text', text: 'The fee is still on my bill' });
    expect(kinds(next.effects)).toEqual(['organic']);
    expect(next.prompts.at(-1)).toMatchObject({ questionCode: 'resolution' });
    expect(next.state.step).toMatchObject({ at: 'resolution', incidentId: 'inc-1' });
  });
});
