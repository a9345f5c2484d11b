import { randomBytes } from 'node:crypto';
import type { DialogueState, OutboundBody } from '@turbota/dialogue';
import type { MessageEntity } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { openOwnContacts, openState, pendingContacts, sealOwnContact, sealState } from './sealed-state';

describe('contacts a conversation keeps while the customer confirms them', () => {
  const cipher = new PiiCipher([randomBytes(32)]);
  const waiting: DialogueState = {
    step: { at: 'confirm_contact' },
    complaint: { origin: 'callback', text: 'call me 067•••4567', contact: { phone: '+380671234567' } },
    lastVariants: {},
  };

  it('stores the typed contact sealed in the state and opens it for the next step', () => {
    const stored = sealState(waiting, cipher);
    expect(JSON.stringify(stored)).not.toContain('671234567');
    expect(openState(JSON.parse(JSON.stringify(stored)) as DialogueState, cipher)).toEqual(waiting);
    expect(openState(stored, new PiiCipher([randomBytes(32)])).complaint?.contact).toBeUndefined();
  });

  it('keeps the contact a message shows sealed beside it, and opens it for the customer', () => {
    const prompt = { kind: 'text' as const, text: 'Shall we contact you at +380671234567?' };
    const kept = sealOwnContact(prompt, pendingContacts(waiting), cipher);
    expect(JSON.stringify(kept)).not.toContain('671234567');
    const message = { direction: 'out', body: kept } as unknown as MessageEntity;
    expect((openOwnContacts([message], cipher)[0].body as OutboundBody).text).toBe(prompt.text);
    expect(sealOwnContact({ kind: 'text' as const, text: 'Thank you!' }, pendingContacts(waiting), cipher)).toEqual({ kind: 'text', text: 'Thank you!' });
  });
});
