import { type ContactGiven, type DialogueState, type OutboundBody, OWN_CONTACT_SLOT, withOwnContact } from '@turbota/dialogue';
import type { MessageEntity } from '@turbota/persistence';
import type { PiiCipher } from '@turbota/privacy';

/** A contact kept in a stored state: sealed like every contact at rest. */
interface SealedContact {
  sealed: string;
}

/**
 * The state as stored: the contact the customer typed asking to be called, kept until they
 * confirm it, sealed like every contact at rest (the state is plain JSON beside the conversation).
 */
export function sealState(state: DialogueState, cipher: PiiCipher): DialogueState {
  const seal = (contact: ContactGiven | undefined) => (contact && !('sealed' in contact) ? ({ sealed: cipher.seal(JSON.stringify(contact)).toString('base64') } satisfies SealedContact as never) : contact);
  return withContacts(state, seal);
}

/** The state to step from: its sealed contacts opened (dropped when one cannot be: erased, or an unknown key). */
export function openState(state: DialogueState, cipher: PiiCipher): DialogueState {
  const open = (contact: ContactGiven | undefined) => {
    if (!contact || !('sealed' in contact)) return contact;
    const opened = openSealed((contact as SealedContact).sealed, cipher);
    return opened === null ? undefined : (JSON.parse(opened) as ContactGiven);
  };
  return withContacts(state, open);
}

function withContacts(state: DialogueState, map: (contact: ContactGiven | undefined) => ContactGiven | undefined): DialogueState {
  const { complaint } = state;
  return complaint?.contact ? { ...state, complaint: { ...complaint, contact: map(complaint.contact) } } : state;
}

/** The contact values a step may show the customer (the one pending confirmation before and after it). */
export function pendingContacts(...states: DialogueState[]): string[] {
  return states.flatMap((s) => {
    const contact = s.complaint?.contact;
    return contact ? ['phone' in contact ? contact.phone : 'email' in contact ? contact.email : []].flat() : [];
  });
}

/** A message to keep: the customer's own contact in its text replaced by the slot, and kept sealed beside it. */
export function sealOwnContact<T extends { text: string }>(body: T, contacts: string[], cipher: PiiCipher): T {
  const shown = contacts.find((c) => body.text.includes(c));
  if (!shown) return body;
  return { ...body, text: body.text.split(shown).join(OWN_CONTACT_SLOT), sealedContact: cipher.seal(shown).toString('base64') };
}

/** Messages as their customer reads them (the web chat): each own contact opened into its slot. */
export function openOwnContacts(messages: MessageEntity[], cipher: PiiCipher): MessageEntity[] {
  return messages.map((m) => (m.direction === 'out' && (m.body as OutboundBody).sealedContact ? { ...m, body: withOwnContact(m.body as OutboundBody, (sealed) => openSealed(sealed, cipher)) } : m));
}

/** A sealed value opened, or null when it cannot be (erased, or sealed with a key no longer configured). */
export function openSealed(sealed: string, cipher: PiiCipher): string | null {
  try {
    return cipher.open(Buffer.from(sealed, 'base64'));
  } catch {
    return null;
  }
}
