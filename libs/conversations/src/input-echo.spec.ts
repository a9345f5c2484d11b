import type { Prompt } from '@turbota/dialogue';
import { echoOf } from './input-echo';

const contactPrompt: Prompt = { kind: 'contact', questionCode: 'contact', text: 'Your phone or e-mail?', consentText: 'Only for this case.', accepts: ['phone', 'email'] };

describe('echoOf', () => {
  it('keeps a valid contact masked, marked as the customer\'s own to show them in full', () => {
    expect(echoOf({ kind: 'text', text: '067 123 45 67' }, contactPrompt)).toEqual({ text: '+380 ••• ••• 67', ownContact: 'phone' });
    expect(echoOf({ kind: 'contact', email: 'olena.k@example.com' }, contactPrompt)).toEqual({ text: 'o•••@example.com', ownContact: 'email' });
  });

  it('shows a contact that is none as typed, anything phone-like masked, never as bare dots', () => {
    expect(echoOf({ kind: 'text', text: ' 067 12 ' }, contactPrompt)).toEqual({ text: '067 12' });
    expect(echoOf({ kind: 'text', text: 'olena at example' }, contactPrompt)).toEqual({ text: 'olena at example' });
    expect(echoOf({ kind: 'contact', phone: '+38067206666' }, contactPrompt)).toEqual({ text: '••• ••• 66' });
  });

  it('reads taps as their labels and digits as typed', () => {
    const choice: Prompt = { kind: 'choice', questionCode: 'reason', text: 'Why?', options: [{ code: 'waiting', label: 'A long wait' }], allowsText: true };
    expect(echoOf({ kind: 'choice', code: 'waiting' }, choice)).toEqual({ text: 'A long wait' });
    expect(echoOf({ kind: 'scale', value: 3 }, undefined)).toEqual({ text: '3' });
  });
});
