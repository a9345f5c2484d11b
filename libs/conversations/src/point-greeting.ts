import type { Locale } from '@turbota/common';
import type { DialogueState } from '@turbota/dialogue';
import type { CustomerTexts } from './dialogue-texts.provider';

/** What a walk-in hears first at a point, per language (a language left out: the generic greeting). */
export type PointGreeting = Partial<Record<Locale, string>>;

/**
 * The customer's texts with the point's greeting instead of the generic one (with or without
 * the customer's name: the point's is said as written). The standard's greeting it replaces was
 * not said, so it is not remembered as heard.
 */
export function withPointGreeting(texts: CustomerTexts, greeting: PointGreeting | null | undefined, locale: Locale): CustomerTexts {
  const line = greeting?.[locale];
  if (!line) return texts;
  return {
    ...texts,
    texts: { ...texts.texts, greeting: [line], greetingWithName: [line] },
    said: (after) => texts.said(withoutGreeting(after)),
  };
}

function withoutGreeting(state: DialogueState): DialogueState {
  const lastVariants = { ...state.lastVariants };
  delete lastVariants.greeting;
  delete lastVariants.greetingWithName;
  return { ...state, lastVariants };
}
