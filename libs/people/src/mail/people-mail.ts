import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Locale } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import type { PersonEntity } from '@turbota/persistence';
import { MAILER, type Mailer, type MailMessage } from './mailer';
import { invitationMail, resetMail } from './people-mail-texts';

/** Invitations and reset links by e-mail, in each person's language (the installation's default when unknown). */
@Injectable()
export class PeopleMail {
  private readonly logger = new Logger('PeopleMail');

  constructor(
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends the invitation; true when it went out, false when no mail is configured or sending failed. */
  invite(person: PersonEntity, link: string, expiresAt: Date): Promise<boolean> {
    return this.send(person, 'invitation', invitationMail(this.localeOf(person), { displayName: person.displayName, role: person.role, link, expiresAt }));
  }

  /** Sends the reset link; as `invite`. */
  reset(person: PersonEntity, link: string, expiresAt: Date): Promise<boolean> {
    return this.send(person, 'password reset', resetMail(this.localeOf(person), { displayName: person.displayName, link, expiresAt }));
  }

  private localeOf(person: PersonEntity): Locale {
    return person.locale ?? this.config.defaultLocale;
  }

  private async send(person: PersonEntity, what: string, mail: Omit<MailMessage, 'to'>): Promise<boolean> {
    if (!this.mailer.configured) return false;
    try {
      await this.mailer.send({ to: person.email, ...mail });
      return true;
    } catch (error) {
      // The server's words may quote the address or the link: only the kind of failure is logged.
      const code = (error as { code?: string; responseCode?: number }).responseCode ?? (error as { code?: string }).code ?? 'unknown';
      this.logger.warn(`Could not send the ${what} e-mail to person ${person.id} (${code}); the link can be passed on by hand`);
      return false;
    }
  }
}
