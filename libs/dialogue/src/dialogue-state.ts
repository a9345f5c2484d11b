import type { Sentiment } from '@turbota/surveys';
import type { VariantSlot } from './dialogue-texts';

/** The question a conversation is waiting on. */
export type DialogueStep =
  | { at: 'integral' }
  | { at: 'reason' }
  | { at: 'improvement' }
  | { at: 'complaint_text' }
  | { at: 'consent' }
  | { at: 'contact' }
  | { at: 'drawn'; index: number }
  | { at: 'done' }
  /** After an incident is resolved: "is it solved?"; `ifNotSolved` is the standard's reply for a no. */
  | { at: 'resolution'; incidentId: string; ifNotSolved: string }
  | { at: 'stopped' };

/** A complaint being taken: what went wrong, and where the dialogue goes afterwards. */
export interface PendingComplaint {
  reasonCode?: string;
  text?: string;
  /** `score`: after a negative score, the survey goes on; `command`: after /complain, back to `resume`. */
  origin: 'score' | 'command';
  resume?: DialogueStep;
}

/** Where a conversation stands; stored as JSON beside it, so any process can continue it. */
export interface DialogueState {
  step: DialogueStep;
  sentiment?: Sentiment;
  integralScore?: number;
  complaint?: PendingComplaint;
  /** The variant last used per slot, so the next one differs. */
  lastVariants: Partial<Record<VariantSlot, number>>;
}

/** Whether the dialogue still waits for an answer. */
export function isOpen(state: DialogueState): boolean {
  return state.step.at !== 'done' && state.step.at !== 'stopped';
}
