import type { EntityManager } from 'typeorm';
import { CUSTOMER_NAME_SLOT, type OutboundBody, withOwnContact } from '@turbota/dialogue';
import { ComplaintEntity, ConversationEntity, MessageEntity } from '@turbota/persistence';
import { maskEmail, maskPhone, type PiiCipher, PiiDecryptionError } from '@turbota/privacy';
import type { TranscriptLine } from './incident.model';

/** A conversation's length is bounded by its survey; this only keeps a runaway one from filling a page. */
const MAX_LINES = 500;

/** A stored message as the transcript reads it. */
export type TranscriptMessage = Pick<MessageEntity, 'direction' | 'body' | 'createdAt'>;

/** How contacts read in the transcript: `open` unseals the customer's own contact a bot message repeats; `reveal` shows contacts in full. */
export interface TranscriptOptions {
  reveal: boolean;
  open: (sealed: string) => string | null;
  /** The contacts the customer left in the conversation (opened), to show the masked echoes of them in full when revealing. */
  contacts: string[];
}

/** What stands where the customer's name or an unreadable contact was: the name is personal data that no incident shows. */
const HIDDEN = '•••';

/** What the customer's own input holds: their words or the answer they tapped, and which contact a masked one is. */
interface Echo {
  text: string;
  ownContact?: 'phone' | 'email';
}

/**
 * The conversation as the customer saw it, oldest first: each question or message of the bot
 * with the buttons it offered, and each answer or word of the customer. Receipts (a tapped
 * answer shown on its question) repeat an answer and are left out. Contacts stay masked, as
 * the messages are stored, unless revealed: then the customer's own contact is shown in full
 * where a message repeats it. Contacts typed among other words are stored masked only.
 */
export function transcriptOf(messages: TranscriptMessage[], options: TranscriptOptions): TranscriptLine[] {
  return messages.flatMap((message): TranscriptLine[] => {
    if (message.direction === 'in') return [{ at: message.createdAt, from: 'customer', text: customerText(message.body as Echo, options), buttons: [] }];
    const body = message.body as OutboundBody;
    if (body.kind === 'receipt') return [];
    const shown = withOwnContact(body, (sealed) => contactShown(options.open(sealed), options.reveal));
    const { text, buttons } = promptText(shown);
    return [{ at: message.createdAt, from: 'bot', text: text.split(CUSTOMER_NAME_SLOT).join(HIDDEN), buttons }];
  });
}

/**
 * The transcript of the complaint's conversation (none without one: an integration's incident)
 * and of the follow-ups on that address after it (what was done, "is your issue solved now?"
 * and the answer), its contacts in full only when `reveal`.
 */
export async function loadTranscript(manager: EntityManager, conversationId: string | null, options: { cipher: PiiCipher; reveal: boolean }): Promise<TranscriptLine[]> {
  if (!conversationId) return [];
  const messages: TranscriptMessage[] = await manager
    .createQueryBuilder(MessageEntity, 'm')
    .select(['m.direction', 'm.body', 'm.createdAt'])
    .innerJoin('m.conversation', 'c')
    .innerJoin(ConversationEntity, 'origin', 'origin.id = :conversationId', { conversationId })
    .where(`c.id = origin.id OR (c.kind = 'follow_up' AND c.identity_id = origin.identity_id AND c.started_at >= origin.started_at)`)
    .orderBy('m.seq', 'ASC')
    .limit(MAX_LINES)
    .getMany();
  const open = (sealed: Buffer | null) => opened(sealed, options.cipher);
  const contacts = options.reveal
    ? (await manager.find(ComplaintEntity, { select: { phoneSealed: true, emailSealed: true }, where: { conversationId } }))
        .flatMap((c) => [open(c.phoneSealed), open(c.emailSealed)])
        .filter((c): c is string => c !== null)
    : [];
  return transcriptOf(messages, { reveal: options.reveal, contacts, open: (sealed) => open(Buffer.from(sealed, 'base64')) });
}

/** A sealed contact opened, or null when there is none or it cannot be (erased, an unknown key). */
function opened(sealed: Buffer | null, cipher: PiiCipher): string | null {
  if (!sealed) return null;
  try {
    return cipher.open(sealed);
  } catch (error) {
    if (error instanceof PiiDecryptionError) return null;
    throw error;
  }
}

/** The customer's input; a contact they gave where it was asked for, in full when revealed and it is one they left. */
function customerText(echo: Echo, options: TranscriptOptions): string {
  if (!options.reveal || !echo.ownContact) return echo.text;
  const mask = echo.ownContact === 'phone' ? maskPhone : maskEmail;
  return options.contacts.find((contact) => mask(contact) === echo.text) ?? echo.text;
}

function contactShown(contact: string | null, reveal: boolean): string {
  if (contact === null) return HIDDEN;
  if (reveal) return contact;
  return contact.includes('@') ? maskEmail(contact) : maskPhone(contact);
}

/** What a bot message showed: its text (with a contact request's consent) and its buttons. */
function promptText(body: OutboundBody): { text: string; buttons: string[] } {
  const labels = (...values: (string | undefined)[]) => values.filter((v): v is string => Boolean(v));
  switch (body.kind) {
    case 'scale': {
      const numbers = Array.from({ length: body.max - body.min + 1 }, (_, i) => String(body.min + i));
      return { text: body.text, buttons: [...numbers, ...labels(body.endLabel)] };
    }
    case 'choice':
      return { text: body.text, buttons: [...body.options.map((o) => o.label), ...labels(body.endLabel)] };
    case 'free_text':
      return { text: body.text, buttons: labels(body.skipLabel, body.endLabel) };
    case 'contact':
      return { text: body.consentText ? `${body.text}\n\n${body.consentText}` : body.text, buttons: labels(body.shareLabel, body.declineLabel) };
    default:
      return { text: body.text, buttons: [] };
  }
}
