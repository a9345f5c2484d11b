import type { Prompt } from '@turbota/dialogue';
import { renderPrompt, viberOverflows } from './viber-render';

describe('Viber keyboards', () => {
  it('sends every answer button silently, so the customer never sees s:2 or c:slow', () => {
    const nps = renderPrompt({ kind: 'scale', questionCode: 'nps', text: 'Recommend?', min: 0, max: 10 });
    const why = renderPrompt({ kind: 'choice', questionCode: 'why', text: 'Why?', options: [{ code: 'slow', label: 'Slow' }], allowsText: true });
    const skip = renderPrompt({ kind: 'free_text', questionCode: 'better', text: 'Better?', skipLabel: 'Skip' });
    const buttons = [nps, why, skip].flatMap((m) => m.keyboard!.Buttons);
    expect(buttons).toHaveLength(13);
    expect(buttons.every((b) => b.ActionType === 'reply' && b.Silent === true)).toBe(true);
    expect(why.keyboard!.Buttons[0]).toMatchObject({ Text: 'Slow', ActionBody: 'c:slow' });
  });

  it('puts "No, thanks" beside the share-phone button, and "That\'s all" under a question that offers it', () => {
    const contact = renderPrompt({ kind: 'contact', questionCode: 'contact', text: 'May we?', consentText: 'Only for this.', accepts: ['phone'], shareLabel: 'Share my phone', declineLabel: 'No, thanks' });
    expect(contact.keyboard!.Buttons.map((b) => [b.ActionType, b.ActionBody, b.Text])).toEqual([['share-phone', 'share-phone', 'Share my phone'], ['reply', 'c:no', 'No, thanks']]);
    const ces = renderPrompt({ kind: 'scale', questionCode: 'ces', text: 'Easy?', min: 1, max: 7, endLabel: "That's all" });
    expect(ces.keyboard!.Buttons.at(-1)).toMatchObject({ ActionBody: 'c:end', Text: "That's all", Columns: 6 });
  });

  it('names what Viber would refuse: the text over 7,000, a button over 250', () => {
    const fits: Prompt = { kind: 'choice', questionCode: 'why', text: 'w'.repeat(7000), options: [{ code: 'a', label: 'a'.repeat(250) }], allowsText: true };
    expect(viberOverflows(fits)).toEqual([]);
    const long: Prompt = { kind: 'choice', questionCode: 'why', text: 'w'.repeat(7001), options: [{ code: 'a', label: 'a'.repeat(251) }], allowsText: true };
    expect(viberOverflows(long)).toEqual([
      { part: 'characters', length: 7001, limit: 7000, unit: 'characters' },
      { part: 'characters on the button "c:a"', length: 251, limit: 250, unit: 'characters' },
    ]);
  });

  it('still cuts what is sent to the limits, as the last resort', () => {
    const message = renderPrompt({ kind: 'choice', questionCode: 'why', text: 'w'.repeat(7100), options: [{ code: 'a', label: 'a'.repeat(300) }], allowsText: true });
    expect(message.text).toHaveLength(7000);
    expect(message.keyboard!.Buttons[0]).toMatchObject({ ActionBody: 'c:a', Silent: true });
    expect(message.keyboard!.Buttons[0].Text).toHaveLength(250);
  });

  it('counts the whole request: a long Cyrillic question with thirty long options passes 30 KB', () => {
    const options = Array.from({ length: 30 }, (_, i) => ({ code: `o${i}`, label: 'я'.repeat(250) }));
    expect(viberOverflows({ kind: 'choice', questionCode: 'why', text: 'ч'.repeat(7000), options, allowsText: true })).toMatchObject([{ part: 'bytes in one request with its keyboard', limit: 30_000, unit: 'bytes' }]);
  });
});
