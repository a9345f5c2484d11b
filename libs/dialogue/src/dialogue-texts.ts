import { LOCALES } from '@turbota/common';

/** Several ways to say one thing, so no customer hears the same line twice in a row. */
export type Variants = string[];

/**
 * What the bot says around the questions, in one language. `{name}` and `{reviewUrl}`
 * are filled in. The service standard's phrases replace these as it lands.
 */
export interface DialogueTexts {
  greetingWithName: Variants;
  greeting: Variants;
  apology: Variants;
  consentQuestion: string;
  yes: string;
  no: string;
  contactThanks: Variants;
  noContactThanks: Variants;
  promoterThanks: Variants;
  /** Said to a passive before asking what could be better. */
  passiveThanks: Variants;
  reviewInvitation: string;
  closing: Variants;
  complaintStart: string;
  invalidContact: string;
  noted: string;
  optedOut: string;
  skip: string;
  /** The one-tap "share my phone" button (Telegram, Viber). */
  sharePhone: string;
  /** The button that opens a survey where the platform needs a first tap (Viber's welcome). */
  startButton: string;
  /** After an incident is resolved: "is your issue solved now?" (yes / no). */
  resolutionQuestion: string;
  /** The reply to a customer who says it is solved. */
  resolutionThanks: Variants;
}

/** The slots that rotate among their variants. */
export type VariantSlot = {
  [K in keyof DialogueTexts]: DialogueTexts[K] extends Variants ? K : never;
}[keyof DialogueTexts];

const VARIANT_SLOTS: VariantSlot[] = [
  'greetingWithName',
  'greeting',
  'apology',
  'contactThanks',
  'noContactThanks',
  'promoterThanks',
  'passiveThanks',
  'closing',
  'resolutionThanks',
];
const SINGLE_SLOTS: Exclude<keyof DialogueTexts, VariantSlot>[] = [
  'consentQuestion',
  'yes',
  'no',
  'reviewInvitation',
  'complaintStart',
  'invalidContact',
  'noted',
  'optedOut',
  'skip',
  'sharePhone',
  'startButton',
  'resolutionQuestion',
];

/**
 * Checks the dialogue texts of every language (a seed file): each phrase present and
 * non-empty, each rotating phrase with at least one variant. Returns the problems found.
 */
export function dialogueTextProblems(input: unknown): string[] {
  const problems: string[] = [];
  const byLocale = (typeof input === 'object' && input !== null ? input : {}) as Record<string, Record<string, unknown> | undefined>;
  for (const locale of LOCALES) {
    const texts = byLocale[locale];
    if (!texts) {
      problems.push(`no texts for ${locale}`);
      continue;
    }
    for (const slot of VARIANT_SLOTS) {
      const variants = texts[slot];
      if (!Array.isArray(variants) || variants.length === 0 || variants.some((v) => typeof v !== 'string' || !v.trim())) {
        problems.push(`${locale}.${slot} must be a list of one or more phrases`);
      }
    }
    for (const slot of SINGLE_SLOTS) {
      if (typeof texts[slot] !== 'string' || !texts[slot].trim()) problems.push(`${locale}.${slot} must be a phrase`);
    }
  }
  return problems;
}
