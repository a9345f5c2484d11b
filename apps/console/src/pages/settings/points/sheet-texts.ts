import type { Locale } from '../../../i18n/i18n';
import type { LinkTarget } from './point-types';

/** What a printed sheet tells customers, in the language chosen for it (not the console's). */
export interface SheetTexts {
  heading: string;
  invitation: string;
  thanks: string;
  targets: Record<LinkTarget, string>;
}

/** The customer-facing words of a point's printable sheet, per language. */
export const SHEET_TEXTS: Record<Locale, SheetTexts> = {
  uk: {
    heading: 'Розкажіть, як ми впоралися',
    invitation: 'Наведіть камеру телефона на код і дайте відповідь на кілька коротких запитань. Це займе хвилину.',
    thanks: 'Дякуємо!',
    targets: { webchat: 'Вебчат у браузері', telegram: 'Telegram', viber: 'Viber' },
  },
  ru: {
    heading: 'Расскажите, как мы справились',
    invitation: 'Наведите камеру телефона на код и ответьте на несколько коротких вопросов. Это займёт минуту.',
    thanks: 'Спасибо!',
    targets: { webchat: 'Веб-чат в браузере', telegram: 'Telegram', viber: 'Viber' },
  },
  en: {
    heading: 'Tell us how we did',
    invitation: 'Point your phone’s camera at a code and answer a few short questions. It takes a minute.',
    thanks: 'Thank you!',
    targets: { webchat: 'Web chat in your browser', telegram: 'Telegram', viber: 'Viber' },
  },
};
