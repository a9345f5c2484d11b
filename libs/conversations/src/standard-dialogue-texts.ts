import type { Locale, RandomSource } from '@turbota/common';
import type { DialogueState, DialogueTexts, VariantSlot } from '@turbota/dialogue';
import { NAME_PLACEHOLDER, nextVariant, type StandardEvent, type StandardTable } from '@turbota/standard';

/** The dialogue's rotating phrases that the service standard says: each the first action of its event. */
export const STANDARD_SLOTS = {
  greeting: 'invitation',
  greetingWithName: 'invitation',
  apology: 'detractor',
  passiveThanks: 'passive',
  promoterThanks: 'promoter',
  contactThanks: 'complaint_with_contacts',
  noContactThanks: 'complaint_without_contacts',
} as const satisfies Partial<Record<VariantSlot, StandardEvent>>;

type StandardSlot = keyof typeof STANDARD_SLOTS;

/** A variant picked for a customer, and the key (`event.action`) it is remembered under. */
export interface PhrasePick {
  key: string;
  variant: string;
}

/** The texts of one step for one customer, and which of the standard's variants they carry. */
export interface StandardTexts {
  texts: DialogueTexts;
  picks: Partial<Record<StandardSlot, PhrasePick>>;
}

/**
 * The dialogue texts with each of the standard's phrases narrowed to the one variant this
 * customer should hear next, never the one they heard last (`lastHeard` by phrase key).
 */
export function standardDialogueTexts(
  base: DialogueTexts,
  table: StandardTable,
  options: { locale: Locale; lastHeard: Readonly<Record<string, string>>; random: RandomSource },
): StandardTexts {
  const texts: DialogueTexts = { ...base };
  const picks: StandardTexts['picks'] = {};
  for (const [slot, event] of Object.entries(STANDARD_SLOTS) as [StandardSlot, StandardEvent][]) {
    const action = table.events[event].actions[0];
    const variants = candidates(slot, action.phrases[options.locale]);
    // A standard whose phrases all name the customer has nothing to greet a nameless one with.
    if (variants.length === 0) continue;
    const key = `${event}.${action.code}`;
    const variant = nextVariant(variants, options.lastHeard[key], options.random);
    texts[slot] = [variant];
    picks[slot] = { key, variant };
  }
  return { texts, picks };
}

/**
 * Only the greeting by name may say `{name}` (the engine fills it in); it prefers the variants
 * that name the customer when there are enough of them to rotate.
 */
function candidates(slot: StandardSlot, variants: string[]): string[] {
  const named = variants.filter((v) => v.includes(NAME_PLACEHOLDER));
  if (slot === 'greetingWithName') return named.length >= 2 ? named : variants;
  return variants.filter((v) => !v.includes(NAME_PLACEHOLDER));
}

/** The state to step from, without the standard's slots: what the step says then shows in its `lastVariants`. */
export function withoutStandardSlots(state: DialogueState): DialogueState {
  const lastVariants = { ...state.lastVariants };
  for (const slot of Object.keys(STANDARD_SLOTS) as StandardSlot[]) delete lastVariants[slot];
  return { ...state, lastVariants };
}

/** The picks a step said (the engine marks a slot in `lastVariants` when it says it). */
export function spokenPicks(picks: StandardTexts['picks'], after: DialogueState): PhrasePick[] {
  return (Object.keys(picks) as StandardSlot[]).filter((slot) => after.lastVariants[slot] !== undefined).map((slot) => picks[slot]!);
}
