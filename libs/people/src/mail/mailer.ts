import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig, MailConfig } from '@turbota/config';

/** One e-mail: plain text, and an HTML alternative where it serves. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Headers beyond the usual, e.g. `List-Unsubscribe` (RFC 2369) and `List-Unsubscribe-Post` (RFC 8058). */
  headers?: Record<string, string>;
}

/** Sends e-mail; when not `configured`, nothing is ever sent and the caller passes links on another way. */
export interface Mailer {
  readonly configured: boolean;
  /** Answers the message's `Message-ID` as the SMTP server took it. */
  send(message: MailMessage): Promise<{ messageId: string }>;
}

export const MAILER = Symbol('MAILER');

/** Through the SMTP server of `SMTP_URL`, from `MAIL_FROM`. */
export class SmtpMailer implements Mailer {
  readonly configured = true;
  private readonly transport: Transporter;

  constructor(private readonly mail: MailConfig) {
    // Bounded waits: an admin's request waits for the invitation to go out.
    this.transport = createTransport({ url: mail.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const sent = (await this.transport.sendMail({ from: this.mail.from, ...message })) as { messageId: string };
    return { messageId: sent.messageId };
  }
}

/** Sends nothing: no SMTP server is configured. */
export const noMailer: Mailer = { configured: false, send: () => Promise.resolve({ messageId: '' }) };

/** The mailer the configuration asks for. */
export function mailerFor(config: AppConfig): Mailer {
  return config.mail ? new SmtpMailer(config.mail) : noMailer;
}
