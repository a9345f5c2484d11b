import type { ActionsBlock, Button, SectionBlock } from '@slack/types';
import type { Prompt } from '@turbota/dialogue';
import { renderPrompt, renderReceipt, slackOverflows } from './slack-render';

const choice = (text: string, label: string): Prompt => ({ kind: 'choice', questionCode: 'why', text, options: [{ code: 'slow', label }], allowsText: true });

describe('Slack buttons for the contact request and the end of a survey', () => {
  it('offers "No, thanks" with a contact request, and "That\'s all" after a question that offers it', () => {
    const contact = renderPrompt({ kind: 'contact', questionCode: 'contact', text: 'May we?', consentText: 'Only for this.', accepts: ['phone', 'email'], declineLabel: 'No, thanks' });
    expect(contact.blocks[1]).toMatchObject({ type: 'actions', elements: [{ text: { text: 'No, thanks' }, value: 'c:no' }] });
    const likert = renderPrompt({ ...choice('They listened.', 'Agree'), endLabel: "That's all" } as Prompt);
    expect((likert.blocks[1] as { elements: { value: string }[] }).elements.map((e) => e.value)).toEqual(['c:slow', 'c:end']);
  });
});

describe('Slack blocks within Block Kit limits', () => {
  it('names a section over 3,000 with its receipt, and a button over 75', () => {
    expect(slackOverflows(choice('w'.repeat(2990), 'Slow'))).toEqual([]);
    expect(slackOverflows(choice('w'.repeat(2995), 'b'.repeat(76)))).toEqual([
      { part: 'characters with its answer labels and receipt', length: 2995 + 4 + 76, limit: 3000, unit: 'characters' },
      { part: 'characters on the button "c:slow"', length: 76, limit: 75, unit: 'characters' },
    ]);
  });

  it('still cuts what is sent to the limits, as the last resort', () => {
    const message = renderPrompt(choice('w'.repeat(3500), 'b'.repeat(100)));
    const [section, actions] = message.blocks as [SectionBlock, ActionsBlock];
    expect(section.text!.text).toHaveLength(3000);
    expect((actions.elements[0] as Button).text.text).toHaveLength(75);
    expect((renderReceipt('r'.repeat(3100)).blocks[0] as SectionBlock).text!.text).toHaveLength(3000);
  });
});
