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
  /** The button that opens a list of answers, where a platform shows them behind one (WhatsApp's list message; at most 20 characters). */
  chooseButton: string;
  /** Asks to type a score where a scale has more points than the platform has buttons (WhatsApp): `{min}`, `{max}`. */
  typeScore: string;
  /** After an incident is resolved: "is your issue solved now?" (yes / no). */
  resolutionQuestion: string;
  /** The reply to a customer who says it is solved. */
  resolutionThanks: Variants;
  /** Declines to leave a contact, beside "share my phone". */
  noThanks: string;
  /** Ends the survey at a drawn question after a complaint. */
  thatsAll: string;
  /** A quiet notice for a tap on a question that is answered already. */
  alreadyAnswered: string;
  /** A personal survey link opened where another browser or messenger opened it first. */
  linkUsed: string;
  /** A personal survey link opened past its answer timeout, or its invitation cancelled. */
  linkEnded: string;
  /** A personal survey link opened again where its survey is answered already. */
  surveyAnswered: string;
  /** Asks to confirm the number (or e-mail) the customer typed asking to be called: `{contact}`. */
  confirmCallback: string;
  /** The case number and when to expect contact: `{number}` (INC-42), `{when}` (one of the phrases below). */
  caseNumber: string;
  /** `{time}` (HH:MM, local) today. */
  contactToday: string;
  contactTomorrowMorning: string;
  /** `{time}` (HH:MM, local) tomorrow. */
  contactTomorrowBy: string;
  /** `{days}` working days, by the language's plural category (Intl.PluralRules): `one`, `few`, `many`, `other`. */
  contactWithinWorkingDays: PluralPhrase;
}

/** One phrase per plural category of a language; `other` is required, the rest as the language needs. */
export type PluralPhrase = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The slots that rotate among their variants. */
export type VariantSlot = {
  [K in keyof DialogueTexts]: DialogueTexts[K] extends Variants ? K : never;
}[keyof DialogueTexts];

/** The slots said one way only. */
type SingleSlot = {
  [K in keyof DialogueTexts]: DialogueTexts[K] extends string ? K : never;
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
const SINGLE_SLOTS: SingleSlot[] = [
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
  'chooseButton',
  'typeScore',
  'resolutionQuestion',
  'noThanks',
  'thatsAll',
  'alreadyAnswered',
  'linkUsed',
  'linkEnded',
  'surveyAnswered',
  'confirmCallback',
  'caseNumber',
  'contactToday',
  'contactTomorrowMorning',
  'contactTomorrowBy',
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
    const plural = texts.contactWithinWorkingDays as Record<string, unknown> | undefined;
    if (typeof plural?.other !== 'string' || Object.values(plural).some((p) => typeof p !== 'string' || !p.trim())) {
      problems.push(`${locale}.contactWithinWorkingDays must name a phrase for each plural category it uses, "other" at least`);
    }
  }
  return problems;
}
