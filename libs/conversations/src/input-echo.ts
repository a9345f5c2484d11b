import type { DialogueInput, Prompt } from '@turbota/dialogue';
import { maskEmail, maskPhone } from '@turbota/privacy';
import { normaliseContact } from '@turbota/surveys';

/**
 * How the customer's input reads in the transcript: the label of the button they tapped,
 * the digit, their words; a contact only masked. Null for inputs that say nothing (commands).
 */
export function echoOf(input: DialogueInput, open: Prompt | undefined): string | null {
  switch (input.kind) {
    case 'scale':
      return String(input.value);
    case 'choice': {
      const options = open?.kind === 'choice' ? open.options : [];
      const skip = open?.kind === 'free_text' && input.code === 'skip' ? open.skipLabel : undefined;
      return options.find((o) => o.code === input.code)?.label ?? skip ?? input.code;
    }
    case 'text':
      return open?.kind === 'contact' ? masked(input.text) : input.text.slice(0, 4000);
    case 'contact':
      return masked(input.phone ?? input.email ?? '');
    default:
      return null;
  }
}

/** A contact as the transcript keeps it: masked once normalised; an invalid one not at all. */
function masked(raw: string): string {
  const contact = normaliseContact(raw);
  if (!contact) return '•••';
  return 'phone' in contact ? maskPhone(contact.phone) : maskEmail(contact.email);
}
