import type { SectionMessages } from '../../i18n/section-messages';
import { auditMessages } from './audit/messages';
import { campaignsMessages } from './campaigns/messages';
import { deliveriesMessages } from './deliveries/messages';
import { importsMessages } from './imports/messages';
import { keysMessages } from './keys/messages';
import { pointsMessages } from './points/messages';
import { policiesMessages } from './policies/messages';
import { poolsMessages } from './pools/messages';
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
  en: { ...frame.en, ...poolsMessages.en, ...policiesMessages.en, ...standardMessages.en, ...pointsMessages.en, ...campaignsMessages.en, ...importsMessages.en, ...keysMessages.en, ...deliveriesMessages.en, ...auditMessages.en },
  uk: { ...frame.uk, ...poolsMessages.uk, ...policiesMessages.uk, ...standardMessages.uk, ...pointsMessages.uk, ...campaignsMessages.uk, ...importsMessages.uk, ...keysMessages.uk, ...deliveriesMessages.uk, ...auditMessages.uk },
  ru: { ...frame.ru, ...poolsMessages.ru, ...policiesMessages.ru, ...standardMessages.ru, ...pointsMessages.ru, ...campaignsMessages.ru, ...importsMessages.ru, ...keysMessages.ru, ...deliveriesMessages.ru, ...auditMessages.ru },
};
