import { readFileSync } from 'node:fs';
import { projectPath } from '@turbota/common';
import type { Question } from '@turbota/surveys';
import type { DialogueTexts } from './dialogue-texts';
import { askedPrompt } from './render';

const TEXTS = (JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<'en', DialogueTexts>).en;
const en = (text: string) => ({ uk: text, ru: text, en: text });

describe('askedPrompt: a pool question as a survey asks it', () => {
  it('offers a free text with its skip button', () => {
    const question: Question = { code: 'better', type: 'free_text', text: en('What could be better?') };
    expect(askedPrompt(question, 'en', TEXTS)).toEqual({ kind: 'free_text', questionCode: 'better', text: 'What could be better?', skipLabel: TEXTS.skip });
  });

  it('asks for a contact after "may we contact you?", with share and decline buttons', () => {
    const question: Question = { code: 'callback', type: 'contact', text: en('Leave a number.'), consentText: en('Kept for this case only.'), accepts: ['phone'] };
    expect(askedPrompt(question, 'en', TEXTS)).toEqual({
      kind: 'contact',
      questionCode: 'callback',
      text: `${TEXTS.consentQuestion}\n\nLeave a number.`,
      consentText: 'Kept for this case only.',
      accepts: ['phone'],
      shareLabel: TEXTS.sharePhone,
      declineLabel: TEXTS.noThanks,
    });
  });

  it('asks a scale without a lead-in', () => {
    const question: Question = { code: 'effort', type: 'ces', text: en('Was it easy?'), lowLabel: en('Hard'), highLabel: en('Easy') };
    expect(askedPrompt(question, 'en', TEXTS)).toEqual({ kind: 'scale', questionCode: 'effort', text: 'Was it easy?', min: 1, max: 7, lowLabel: 'Hard', highLabel: 'Easy' });
  });
});
