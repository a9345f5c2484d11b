/** A button a customer can tap: what it says, and what tapping it sends back. */
export interface PromptOption {
  /** Sent back as a `choice` input (a reason code, `yes`/`no`, a Likert point as digits). */
  code: string;
  label: string;
}

/**
 * What the engine asks a channel to show; each channel renders it natively
 * (inline keyboards, Block Kit, suggested actions, web chat buttons).
 */
export type Prompt =
  | { kind: 'text'; text: string }
  | { kind: 'scale'; questionCode: string; text: string; min: number; max: number; lowLabel?: string; highLabel?: string }
  | { kind: 'choice'; questionCode: string; text: string; options: PromptOption[]; allowsText: boolean }
  | { kind: 'free_text'; questionCode: string; text: string; skipLabel?: string }
  | {
      kind: 'contact';
      questionCode: string;
      text: string;
      consentText: string;
      accepts: ('phone' | 'email')[];
      /** The label of a one-tap "share my phone" button, where the channel has one. */
      shareLabel?: string;
    };

/** What a customer did, as every channel reports it. */
export type DialogueInput =
  | { kind: 'start'; payload?: string }
  | { kind: 'scale'; value: number }
  | { kind: 'choice'; code: string }
  | { kind: 'text'; text: string }
  | { kind: 'contact'; phone?: string; email?: string }
  | { kind: 'voice'; fileId: string; durationSeconds: number }
  | { kind: 'command'; command: 'complain' | 'stop' };

/**
 * Closes a question the customer answered by tapping: the channel shows the question with
 * the chosen answer and without its buttons, where it can (Telegram edits the message).
 */
export interface Receipt {
  kind: 'receipt';
  /** The platform's id of the question's message. */
  replyTo: string;
  text: string;
}

/** What the outbox delivers: a prompt, or a receipt for an answered one. */
export type OutboundBody = Prompt | Receipt;

/**
 * Where a message says the customer's name. The transcript keeps the slot, never the name
 * (personal data, sealed on the customer), and the outbox fills it in as it sends.
 */
export const CUSTOMER_NAME_SLOT = '{name}';

/** The message as the customer is to read it: the name slot filled in (left out when the name is gone). */
export function withCustomerName(body: OutboundBody, name: string | null): OutboundBody {
  if (!body.text.includes(CUSTOMER_NAME_SLOT)) return body;
  return { ...body, text: body.text.split(CUSTOMER_NAME_SLOT).join(name ?? '') };
}
