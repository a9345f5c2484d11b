import type { LocalizedText } from '@turbota/common';
import type { Question } from '../question';

/** The same text in every language, marked, for tests that do not care about wording. */
export const all = (text: string): LocalizedText => ({ uk: `uk: ${text}`, ru: `ru: ${text}`, en: text });

/** A small complete pool: the three integral metrics, the flow's questions and drawable ones. */
export function sampleQuestions(): Question[] {
  return [
    { code: 'nps', type: 'nps', text: all('How likely are you to recommend us?'), lowLabel: all('Not at all'), highLabel: all('Very likely') },
    { code: 'ces', type: 'ces', text: all('It was easy to handle my issue') },
    { code: 'csat', type: 'csat', text: all('How satisfied are you?') },
    {
      code: 'reason',
      type: 'single_choice',
      text: all('What went wrong?'),
      options: [
        { code: 'waiting', label: all('Waited too long'), factor: 'responsiveness' },
        { code: 'unsolved', label: all('Issue not solved'), factor: 'reliability' },
      ],
    },
    { code: 'improvement', type: 'free_text', text: all('What could we do better?') },
    { code: 'contact', type: 'contact', text: all('Your phone or e-mail'), consentText: all('Only to resolve this case'), accepts: ['phone', 'email'] },
    { code: 'understood', type: 'likert', factor: 'empathy', text: all('The agent understood my question') },
    { code: 'quick', type: 'likert', factor: 'responsiveness', text: all('I got an answer quickly') },
    { code: 'place', type: 'likert', factor: 'tangibles', text: all('The office was comfortable') },
  ];
}
