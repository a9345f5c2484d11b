import type { Locale } from '@turbota/common';
import { isScaleQuestion, LIKERT_LABELS, SCALES, type Question } from '@turbota/surveys';
import type { DialogueTexts } from './dialogue-texts';
import type { Prompt } from './prompt';

/** A question as a channel-neutral prompt in the customer's language, with optional lead-in text. */
export function renderQuestion(question: Question, locale: Locale, lead?: string): Prompt {
  const text = lead ? `${lead}\n\n${question.text[locale]}` : question.text[locale];
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
        options: LIKERT_LABELS[locale].map((label, i) => ({ code: String(5 - i), label })),
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

/** A contact request with the channel's one-tap "share my phone" button label. */
export function withShare(prompt: Prompt, texts: DialogueTexts): Prompt {
  return prompt.kind === 'contact' ? { ...prompt, shareLabel: texts.sharePhone } : prompt;
}
