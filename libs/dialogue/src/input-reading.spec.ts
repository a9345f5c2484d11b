import { readFileSync } from 'node:fs';
import { projectPath } from '@turbota/common';
import type { DialogueTexts } from './dialogue-texts';
import { callMeOf, isDecline, likertOf } from './input-reading';
import { questionTag } from './question-tag';

const TEXTS = (JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<'en', DialogueTexts>).en;

describe('reading what the customer did', () => {
  it('finds the contact in words that ask to be called, in uk, ru and en', () => {
    expect(callMeOf('call me 0671234567')).toEqual({ phone: '+380671234567' });
    expect(callMeOf('Please call me back on +380 67 123 45 67, thanks')).toEqual({ phone: '+380671234567' });
    expect(callMeOf('передзвоніть мені 067 123 45 67')).toEqual({ phone: '+380671234567' });
    expect(callMeOf('Зателефонуйте, будь ласка: 067-123-45-67')).toEqual({ phone: '+380671234567' });
    expect(callMeOf('перезвоните 0671234567')).toEqual({ phone: '+380671234567' });
    expect(callMeOf('Позвоните мне, пожалуйста, olena@example.com')).toEqual({ email: 'olena@example.com' });
  });

  it('takes no call request from words that do not ask for one, or carry no valid contact', () => {
    expect(callMeOf('my number is 0671234567')).toBeUndefined();
    expect(callMeOf('call me maybe')).toBeUndefined();
    expect(callMeOf('перезвоните 12345')).toBeUndefined();
  });

  it('never reads a scale tap as a Likert point', () => {
    expect(likertOf({ kind: 'scale', value: 2 }, 'en')).toBeUndefined();
    expect(likertOf({ kind: 'choice', code: '2' }, 'en')).toBe(2);
  });

  it('reads "No, thanks" tapped or typed as declining to leave a contact', () => {
    expect(isDecline({ kind: 'choice', code: 'no' }, TEXTS)).toBe(true);
    expect(isDecline({ kind: 'text', text: ` ${TEXTS.noThanks.toUpperCase()} ` }, TEXTS)).toBe(true);
    expect(isDecline({ kind: 'text', text: '0671234567' }, TEXTS)).toBe(false);
  });

  it('tags a question in two characters, the same every time', () => {
    expect(questionTag('nps')).toMatch(/^[0-9a-z]{2}$/);
    expect(questionTag('nps')).toBe(questionTag('nps'));
    expect(questionTag('nps')).not.toBe(questionTag('reason'));
  });
});
