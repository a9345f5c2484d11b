import { CUSTOMER_TEXT_LIMIT, type DialogueInput, type Prompt } from '@turbota/dialogue';
import { maskContactsIn, maskEmail, maskPhone } from '@turbota/privacy';
import { normaliseContact } from '@turbota/surveys';

/**
 * The customer's input as the transcript keeps it. `ownContact`: the text is the customer's
 * contact masked; the customer's own chat shows it in full, opened from where it is sealed
 * (`OwnContactEcho`), while staff and the database see only the masked form.
 */
export interface Echo {
  text: string;
  ownContact?: 'phone' | 'email';
}


/**
 * How the customer's input reads in the transcript: the label of the button they tapped,
 * the digit, their words; a contact masked. Null for inputs that say nothing (commands).
 */
export function echoOf(input: DialogueInput, open: Prompt | undefined): Echo | null {
  switch (input.kind) {
    case 'scale':
      return { text: String(input.value) };
    case 'choice': {
      const options = open?.kind === 'choice' ? open.options : [];
      const skip = open?.kind === 'free_text' && input.code === 'skip' ? open.skipLabel : undefined;
      return { text: options.find((o) => o.code === input.code)?.label ?? skip ?? input.code };
    }
    case 'text':
      return open?.kind === 'contact' ? contactEcho(input.text) : { text: input.text.slice(0, CUSTOMER_TEXT_LIMIT) };
    case 'contact': {
      const raw = input.phone ?? input.email;
      return raw ? contactEcho(raw) : null;
    }
    default:
      return null;
  }
}

/**
 * A contact given where one was asked for: a valid one masked (shown in full to its owner);
 * one that is none, the words as typed with anything phone- or e-mail-like masked, so the
 * customer sees what they sent next to the bot's "that doesn't look like a phone or e-mail".
 */
function contactEcho(raw: string): Echo {
  const contact = normaliseContact(raw);
  if (contact) return 'phone' in contact ? { text: maskPhone(contact.phone), ownContact: 'phone' } : { text: maskEmail(contact.email), ownContact: 'email' };
  return { text: maskContactsIn(raw.trim().slice(0, CUSTOMER_TEXT_LIMIT)) };
}
