import type { DialogueState, Variants } from '@turbota/dialogue';
import type { CustomerTexts } from './dialogue-texts.provider';

/**
 * Whether a survey is a walk-in's: opened at a point with no agent and no service named, as
 * its QR code and links open it. A contact an integration reports names who served or what
 * for, and its invitation may say "you were in touch with us recently"; a walk-in may not.
 */
export function isWalkIn(context: { pointOfService?: string | null; agent?: string | null; serviceType?: string | null }): boolean {
  return Boolean(context.pointOfService) && !context.agent && !context.serviceType;
}

/**
 * The customer's texts greeting a walk-in (`walkInGreeting` of `config/dialogue-texts.json`)
 * instead of the standard's invitation greeting. A greeting by name stays the standard's: it
 * says nothing of a past contact. The invitation greeting it replaces was not said, so it is
 * not remembered as heard.
 */
export function withWalkInGreeting(texts: CustomerTexts, greeting: Variants): CustomerTexts {
  return {
    ...texts,
    texts: { ...texts.texts, greeting },
    said: (after) => texts.said(withoutGreeting(after)),
  };
}

function withoutGreeting(state: DialogueState): DialogueState {
  const lastVariants = { ...state.lastVariants };
  delete lastVariants.greeting;
  return { ...state, lastVariants };
}
