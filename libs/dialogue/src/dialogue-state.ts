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
  /** The customer asked to be called on a contact they typed: is it the right one? (yes / no). */
  | { at: 'confirm_contact' }
  | { at: 'drawn'; index: number }
  | { at: 'done' }
  /** After an incident is resolved: "is it solved?"; `ifNotSolved` is the standard's reply for a no. */
  | { at: 'resolution'; incidentId: string; ifNotSolved: string }
  | { at: 'stopped' };

/** A phone (E.164) or an e-mail the customer gave. */
export type ContactGiven = { phone: string } | { email: string };

/** A complaint being taken: what went wrong, and where the dialogue goes afterwards. */
export interface PendingComplaint {
  reasonCode?: string;
  text?: string;
  /**
   * `score`: after a negative score, the survey goes on; `command`: after /complain, and
   * `callback`: after words asking to be called, back to `resume`.
   */
  origin: 'score' | 'command' | 'callback';
  resume?: DialogueStep;
  /** The contact the customer typed asking to be called, until they confirm it. */
  contact?: ContactGiven;
}

/** Where a conversation stands; stored as JSON beside it, so any process can continue it. */
export interface DialogueState {
  step: DialogueStep;
  sentiment?: Sentiment;
  integralScore?: number;
  complaint?: PendingComplaint;
  /**
   * A complaint was recorded in this conversation (`withContact`: with a phone or e-mail): the
   * reason and the contact are not asked for again (a later complaint is recorded with the
   * conversation's contact, which the recorder takes from the earlier complaint, sealed).
   */
  complained?: { withContact: boolean };
  /** The variant last used per slot, so the next one differs. */
  lastVariants: Partial<Record<VariantSlot, number>>;
}

/** Whether the dialogue still waits for an answer. */
export function isOpen(state: DialogueState): boolean {
  return state.step.at !== 'done' && state.step.at !== 'stopped';
}
