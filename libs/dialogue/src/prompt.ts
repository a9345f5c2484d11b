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
  | ({ kind: 'scale'; questionCode: string; text: string; min: number; max: number; lowLabel?: string; highLabel?: string } & Endable)
  | ({ kind: 'choice'; questionCode: string; text: string; options: PromptOption[]; allowsText: boolean } & Endable)
  | ({ kind: 'free_text'; questionCode: string; text: string; skipLabel?: string } & Endable)
  | {
      kind: 'contact';
      questionCode: string;
      text: string;
      consentText: string;
      accepts: ('phone' | 'email')[];
      /** The label of a one-tap "share my phone" button, where the channel has one: tapping it is the consent. */
      shareLabel?: string;
      /** The label of the button that declines to leave a contact (sent back as the choice `no`). */
      declineLabel?: string;
    };

/** A question the customer may end the survey at: one more button, sent back as the choice {@link END_CODE}. */
interface Endable {
  endLabel?: string;
}

/** The choice a "That's all" button sends: the survey ends with the thank-you. */
export const END_CODE = 'end';

/** What a customer did, as every channel reports it. */
export type DialogueInput =
  | { kind: 'start'; payload?: string }
  | ({ kind: 'scale'; value: number } & Tapped)
  | ({ kind: 'choice'; code: string } & Tapped)
  /** `callMe`: the phone or e-mail of words that ask to be called ("call me 067…"), read before the words are masked. */
  | { kind: 'text'; text: string; callMe?: { phone: string } | { email: string } }
  | { kind: 'contact'; phone?: string; email?: string }
  | { kind: 'voice'; fileId: string; durationSeconds: number }
  | { kind: 'command'; command: 'complain' | 'stop' };

/** A button's answer; `asked` is the `questionTag` of the question it was drawn for, where the channel's payload carries it. */
interface Tapped {
  asked?: string;
}

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

/**
 * What the outbox delivers: a prompt, or a receipt for an answered one. `sealedContact`: the
 * customer's own contact, sealed, that the text shows at {@link OWN_CONTACT_SLOT} (filled in as
 * the message is sent or shown to the customer; the transcript never holds it in the clear).
 */
export type OutboundBody = (Prompt | Receipt) & { sealedContact?: string };

/** Where a message shows the customer their own contact (a number they typed, to confirm it). */
export const OWN_CONTACT_SLOT = '{ownContact}';

/** The message as the customer is to read it: their contact opened into its slot (a mask when it cannot be opened). */
export function withOwnContact(body: OutboundBody, open: (sealed: string) => string | null): OutboundBody {
  if (!body.sealedContact) return body;
  const { sealedContact, ...rest } = body;
  return { ...rest, text: rest.text.split(OWN_CONTACT_SLOT).join(open(sealedContact) ?? '•••') };
}

/**
 * Where a message says the customer's name. The transcript keeps the slot, never the name
 * (personal data, sealed on the customer), and the outbox fills it in as it sends.
 */
export const CUSTOMER_NAME_SLOT = '{name}';

/**
 * Where the end of a complaint tells the case number and when to expect contact. The engine
 * does not know incidents: the step's recorder fills the slot in, in the same transaction as
 * the incident (empty when there is none).
 */
export const CASE_SLOT = '{case}';

/** The prompt with the case slot filled in (the line on its own line), or taken out with its line break when there is no case. */
export function withCaseLine(prompt: Prompt, line: string | undefined): Prompt {
  if (!prompt.text.includes(CASE_SLOT)) return prompt;
  const text = line ? prompt.text.split(CASE_SLOT).join(line) : prompt.text.split(`\n${CASE_SLOT}`).join('').split(CASE_SLOT).join('');
  return { ...prompt, text };
}

/** The message as the customer is to read it: the name slot filled in (left out when the name is gone). */
export function withCustomerName(body: OutboundBody, name: string | null): OutboundBody {
  if (!body.text.includes(CUSTOMER_NAME_SLOT)) return body;
  return { ...body, text: body.text.split(CUSTOMER_NAME_SLOT).join(name ?? '') };
}
