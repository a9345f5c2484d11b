import type { Locale } from '@turbota/common';
import type { PersonRole } from '@turbota/persistence';
import type { MailMessage } from './mailer';

/** What an invitation says: who is invited, as what, the link and until when it works. */
export interface InvitationFacts {
  displayName: string;
  role: PersonRole;
  link: string;
  expiresAt: Date;
}

/** What a reset e-mail says: the link and until when it works. */
export interface ResetFacts {
  displayName: string;
  link: string;
  expiresAt: Date;
}

const ROLE_NAMES: Record<Locale, Record<PersonRole, string>> = {
  uk: { admin: 'адміністратор', supervisor: 'супервайзер', viewer: 'спостерігач' },
  ru: { admin: 'администратор', supervisor: 'супервайзер', viewer: 'наблюдатель' },
  en: { admin: 'admin', supervisor: 'supervisor', viewer: 'viewer' },
};

// Times are written in UTC with the zone named: the server does not know the reader's zone.
const when = (at: Date, locale: Locale) =>
  new Intl.DateTimeFormat({ uk: 'uk-UA', ru: 'ru-RU', en: 'en-GB' }[locale], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at) + ' UTC';

const INVITATIONS: Record<Locale, (f: InvitationFacts, role: string, until: string) => Omit<MailMessage, 'to'>> = {
  uk: (f, role, until) => ({
    subject: 'Запрошення до консолі Turbota',
    text: `Вітаємо, ${f.displayName}!\n\nВас запрошено до консолі Turbota з роллю «${role}».\nЩоб прийняти запрошення й задати пароль, відкрийте посилання:\n\n${f.link}\n\nПосилання діє до ${until} і лише один раз.\nЯкщо ви не чекали цього листа, просто проігноруйте його.\n`,
  }),
  ru: (f, role, until) => ({
    subject: 'Приглашение в консоль Turbota',
    text: `Здравствуйте, ${f.displayName}!\n\nВас пригласили в консоль Turbota с ролью «${role}».\nЧтобы принять приглашение и задать пароль, откройте ссылку:\n\n${f.link}\n\nСсылка действует до ${until} и только один раз.\nЕсли вы не ждали этого письма, просто проигнорируйте его.\n`,
  }),
  en: (f, role, until) => ({
    subject: 'Your invitation to the Turbota console',
    text: `Hello ${f.displayName},\n\nYou have been invited to the Turbota console as ${role}.\nTo accept and choose your password, open this link:\n\n${f.link}\n\nThe link works once, until ${until}.\nIf you did not expect this e-mail, you can ignore it.\n`,
  }),
};

const RESETS: Record<Locale, (f: ResetFacts, until: string) => Omit<MailMessage, 'to'>> = {
  uk: (f, until) => ({
    subject: 'Новий пароль для консолі Turbota',
    text: `Вітаємо, ${f.displayName}!\n\nХтось (можливо, ви) попросив змінити пароль до консолі Turbota.\nЩоб задати новий пароль, відкрийте посилання:\n\n${f.link}\n\nПосилання діє до ${until} і лише один раз; після зміни пароля всі ваші сеанси завершаться.\nЯкщо ви не просили нового пароля, проігноруйте цей лист: старий пароль діє далі.\n`,
  }),
  ru: (f, until) => ({
    subject: 'Новый пароль для консоли Turbota',
    text: `Здравствуйте, ${f.displayName}!\n\nКто-то (возможно, вы) попросил сменить пароль от консоли Turbota.\nЧтобы задать новый пароль, откройте ссылку:\n\n${f.link}\n\nСсылка действует до ${until} и только один раз; после смены пароля все ваши сеансы завершатся.\nЕсли вы не просили новый пароль, проигнорируйте это письмо: старый пароль продолжает действовать.\n`,
  }),
  en: (f, until) => ({
    subject: 'A new password for the Turbota console',
    text: `Hello ${f.displayName},\n\nSomeone (perhaps you) asked to change your password for the Turbota console.\nTo choose a new password, open this link:\n\n${f.link}\n\nThe link works once, until ${until}; changing the password signs you out everywhere.\nIf you did not ask for a new password, ignore this e-mail: your password stays as it is.\n`,
  }),
};

/** The invitation e-mail in the person's language. */
export function invitationMail(locale: Locale, facts: InvitationFacts): Omit<MailMessage, 'to'> {
  return INVITATIONS[locale](facts, ROLE_NAMES[locale][facts.role], when(facts.expiresAt, locale));
}

/** The password reset e-mail in the person's language. */
export function resetMail(locale: Locale, facts: ResetFacts): Omit<MailMessage, 'to'> {
  return RESETS[locale](facts, when(facts.expiresAt, locale));
}
