import { transcriptOf, type TranscriptMessage } from './incident-transcript';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));
const out = (minute: number, body: unknown): TranscriptMessage => ({ direction: 'out', body, createdAt: at(minute) });
const input = (minute: number, body: unknown): TranscriptMessage => ({ direction: 'in', body, createdAt: at(minute) });

const CONVERSATION: TranscriptMessage[] = [
  out(0, { kind: 'scale', questionCode: 'nps', text: 'Hello, {name}!\n\nHow likely…?', min: 0, max: 3, endLabel: "That's all" }),
  input(1, { text: '1' }),
  out(1, { kind: 'receipt', replyTo: '17', text: 'How likely…? 1' }),
  out(1, { kind: 'choice', questionCode: 'reason', text: 'What went wrong?', options: [{ code: 'waiting', label: 'Waiting' }, { code: 'rude', label: 'Rudeness' }], allowsText: true }),
  input(2, { text: 'Waiting' }),
  out(2, { kind: 'contact', questionCode: 'contact', text: 'How can we reach you?', consentText: 'We use it only for this.', accepts: ['phone'], declineLabel: 'No, thanks' }),
  input(3, { text: '+380 ••• ••• 67', ownContact: 'phone' }),
  out(3, { kind: 'text', text: 'We will call you at {ownContact}.', sealedContact: 'sealed-phone' }),
];

const open = (sealed: string) => (sealed === 'sealed-phone' ? '+380671234567' : null);

describe('transcriptOf', () => {
  it('reads the conversation as the customer saw it: questions with their buttons, answers, no receipts, no name', () => {
    expect(transcriptOf(CONVERSATION, { reveal: false, open, contacts: [] })).toEqual([
      { at: at(0), from: 'bot', text: 'Hello, •••!\n\nHow likely…?', buttons: ['0', '1', '2', '3', "That's all"] },
      { at: at(1), from: 'customer', text: '1', buttons: [] },
      { at: at(1), from: 'bot', text: 'What went wrong?', buttons: ['Waiting', 'Rudeness'] },
      { at: at(2), from: 'customer', text: 'Waiting', buttons: [] },
      { at: at(2), from: 'bot', text: 'How can we reach you?\n\nWe use it only for this.', buttons: ['No, thanks'] },
      { at: at(3), from: 'customer', text: '+380 ••• ••• 67', buttons: [] },
      { at: at(3), from: 'bot', text: 'We will call you at +380 ••• ••• 67.', buttons: [] },
    ]);
  });

  it('shows the customer’s own contact in full only when revealed, and only the one they left', () => {
    const revealed = transcriptOf(CONVERSATION, { reveal: true, open, contacts: ['+380671234567'] });
    expect(revealed.map((line) => line.text).slice(-2)).toEqual(['+380671234567', 'We will call you at +380671234567.']);
    const other = transcriptOf(CONVERSATION, { reveal: true, open: () => null, contacts: ['+380509999999'] });
    expect(other.map((line) => line.text).slice(-2)).toEqual(['+380 ••• ••• 67', 'We will call you at •••.']);
  });
});
