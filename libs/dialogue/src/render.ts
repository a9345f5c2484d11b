import type { Locale } from '@turbota/common';
import { isScaleQuestion, likertOptions, likertText, SCALES, type Question } from '@turbota/surveys';
import type { DialogueTexts } from './dialogue-texts';
import { END_CODE, type Prompt } from './prompt';

/** A question as a channel-neutral prompt in the customer's language, with optional lead-in text. */
export function renderQuestion(question: Question, locale: Locale, lead?: string): Prompt {
  // A Likert statement alone does not say what to do with it: the instruction goes first.
  const asked = question.type === 'likert' ? likertText(question.text[locale], locale) : question.text[locale];
  const text = lead ? `${lead}\n\n${asked}` : asked;
  const questionCode = question.code;
  if (isScaleQuestion(question)) {
    const [min, max] = SCALES[question.type];
    return { kind: 'scale', questionCode, text, min, max, lowLabel: question.lowLabel?.[locale], highLabel: question.highLabel?.[locale] };
  }
  switch (question.type) {
    case 'likert':
      return {
        kind: 'choice',
        questionCode,
        text,
        options: likertOptions(locale),
        allowsText: false,
      };
    case 'single_choice':
      return { kind: 'choice', questionCode, text, options: question.options.map((o) => ({ code: o.code, label: o.label[locale] })), allowsText: true };
    case 'free_text':
      return { kind: 'free_text', questionCode, text };
    case 'contact':
      return { kind: 'contact', questionCode, text, consentText: question.consentText[locale], accepts: question.accepts };
  }
}

/** "May we contact you to put it right?" with yes and no. */
export function consentPrompt(texts: DialogueTexts): Prompt {
  return {
    kind: 'choice',
    questionCode: 'consent',
    text: texts.consentQuestion,
    options: [
      { code: 'yes', label: texts.yes },
      { code: 'no', label: texts.no },
    ],
    allowsText: false,
  };
}

/** "Is your issue solved now?" with yes and no, after what was done. */
export function resolutionPrompt(texts: DialogueTexts, lead?: string): Prompt {
  return {
    kind: 'choice',
    questionCode: 'resolution',
    text: lead ? `${lead}\n\n${texts.resolutionQuestion}` : texts.resolutionQuestion,
    options: [
      { code: 'yes', label: texts.yes },
      { code: 'no', label: texts.no },
    ],
    allowsText: false,
  };
}

/** A free-text question the customer may pass over. */
export function withSkip(prompt: Prompt, texts: DialogueTexts): Prompt {
  return prompt.kind === 'free_text' ? { ...prompt, skipLabel: texts.skip } : prompt;
}

/**
 * The contact request right after the reason: "may we contact you?" with the one-tap "share my
 * phone" button (tapping it is the consent), a field to type a phone or e-mail, and "No, thanks".
 */
export function contactPrompt(question: Question, locale: Locale, texts: DialogueTexts, lead?: string): Prompt {
  const asked = renderQuestion(question, locale, lead ? `${lead}\n\n${texts.consentQuestion}` : texts.consentQuestion);
  return asked.kind === 'contact' ? { ...asked, shareLabel: texts.sharePhone, declineLabel: texts.noThanks } : asked;
}

/**
 * A pool question as a survey asks it, without a lead-in: a free text with its skip button, a
 * contact question as the contact request with its share and decline buttons. What the
 * console's preview renders through each channel.
 */
export function askedPrompt(question: Question, locale: Locale, texts: DialogueTexts): Prompt {
  if (question.type === 'contact') return contactPrompt(question, locale, texts);
  return withSkip(renderQuestion(question, locale), texts);
}

/** "Shall we call you on +380671234567?" with yes and no: the number the customer typed, shown to them in full. */
export function confirmCallbackPrompt(texts: DialogueTexts, contact: { phone: string } | { email: string }): Prompt {
  return {
    kind: 'choice',
    questionCode: 'confirm_contact',
    text: texts.confirmCallback.replace('{contact}', 'phone' in contact ? contact.phone : contact.email),
    options: [
      { code: 'yes', label: texts.yes },
      { code: 'no', label: texts.no },
    ],
    allowsText: false,
  };
}

/** A question with the "That's all" button that ends the survey. */
export function withEnd(prompt: Prompt, texts: DialogueTexts): Prompt {
  return prompt.kind === 'text' || prompt.kind === 'contact' ? prompt : { ...prompt, endLabel: texts.thatsAll };
}

/** The answers a prompt's buttons send back as choices (its options, skip, decline, end). */
export function choiceCodesOf(prompt: Prompt): string[] {
  const codes = prompt.kind === 'choice' ? prompt.options.map((o) => o.code) : [];
  if (prompt.kind === 'free_text' && prompt.skipLabel) codes.push('skip');
  if (prompt.kind === 'contact' && prompt.declineLabel) codes.push('no');
  if (prompt.kind !== 'text' && prompt.kind !== 'contact' && prompt.endLabel) codes.push(END_CODE);
  return codes;
}
