import type { SectionMessages } from '../../i18n/section-messages';
import { campaignsMessages } from './campaigns/messages';
import { policiesMessages } from './policies/messages';
import { standardMessages } from './standard/messages';

const en = {
  'nav.settings': 'Settings',
  'settings.title': 'Settings',
  'settings.sections': 'Settings sections',
};

const frame: SectionMessages<typeof en> = {
  en,
  uk: {
    'nav.settings': 'Налаштування',
    'settings.title': 'Налаштування',
    'settings.sections': 'Розділи налаштувань',
  },
  ru: {
    'nav.settings': 'Настройки',
    'settings.title': 'Настройки',
    'settings.sections': 'Разделы настроек',
  },
};

/** The texts of the settings pages: the frame's, then each section's. */
export const settingsMessages = {
  en: { ...frame.en, ...policiesMessages.en, ...standardMessages.en, ...campaignsMessages.en },
  uk: { ...frame.uk, ...policiesMessages.uk, ...standardMessages.uk, ...campaignsMessages.uk },
  ru: { ...frame.ru, ...policiesMessages.ru, ...standardMessages.ru, ...campaignsMessages.ru },
};
