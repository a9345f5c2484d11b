import type { DialogueState, DialogueTexts } from '@turbota/dialogue';
import type { CustomerTexts } from './dialogue-texts.provider';
import { isWalkIn, withWalkInGreeting } from './walk-in-greeting';

describe('the walk-in greeting', () => {
  it('is for a survey opened at a point with no agent or service named (a QR code, a link)', () => {
    expect(isWalkIn({ pointOfService: 'kyiv-central' })).toBe(true);
    expect(isWalkIn({ pointOfService: 'kyiv-central', agent: null, serviceType: null })).toBe(true);
    expect(isWalkIn({ pointOfService: null })).toBe(false);
    expect(isWalkIn({ pointOfService: 'kyiv-central', agent: 'olena' })).toBe(false);
    expect(isWalkIn({ pointOfService: 'kyiv-central', serviceType: 'loans' })).toBe(false);
  });

  it('replaces the invitation greeting, which then is not remembered as heard', () => {
    const heard: DialogueState[] = [];
    const texts = {
      texts: { greeting: ['Hi! You were in touch with us recently.'], greetingWithName: ['Hi {name}!'] } as DialogueTexts,
      prepare: (s: DialogueState) => s,
      said: (after: DialogueState) => {
        heard.push(after);
        return new Map<string, string>();
      },
    } satisfies CustomerTexts;
    const walkIn = withWalkInGreeting(texts, ['Thank you for visiting us.']);
    expect(walkIn.texts.greeting).toEqual(['Thank you for visiting us.']);
    expect(walkIn.texts.greetingWithName).toEqual(['Hi {name}!']);
    walkIn.said({ step: { at: 'integral' }, lastVariants: { greeting: 0, closing: 1 } });
    expect(heard[0].lastVariants).toEqual({ closing: 1 });
  });
});
