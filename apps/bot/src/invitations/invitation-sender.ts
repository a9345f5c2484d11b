import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, IsNull } from 'typeorm';
import { type Clock, CLOCK, type RandomSource, RETRY_RANDOM } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { ContactEntity, CustomerEntity, CustomerIdentityEntity, execute, InvitationMessageEntity, qb } from '@turbota/persistence';
import { customerNameOf, SurveyPlanner } from '@turbota/conversations';
import { recipientOf } from '@turbota/triggers';
import { MAILER, type Mailer } from '@turbota/people';
import { PiiCipher } from '@turbota/privacy';
import { nextAttemptInMs } from '@turbota/server';
import { PollingWorker } from '@turbota/workers';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError } from '../channels/send-errors';
import { WHATSAPP_INVITATIONS, type WhatsappInvitations } from '../channels/whatsapp/whatsapp-invitation';
import { InvitationTexts } from './invitation-texts';
import { mailSendErrorOf } from './mail-send-errors';
import { SMS_PROVIDER, SmsOptedOutError, type SmsProvider } from './sms/sms-provider';

/** Messages per round; each is its own call to the provider. */
const BATCH = 20;
/** A claimed message is another process's to send again only after this: well past the provider's 10 s timeout and SMTP's 20 s. */
export const INVITATION_LEASE_MS = 60_000;
/** Nothing goes on a channel while its provider refuses the credentials; they are tried again after this. */
const CREDENTIALS_PAUSE_MS = 60_000;

/** A claimed invitation: its row and the attempt this is. */
interface Claimed {
  id: string;
  contactId: string;
  channel: InvitationMessageEntity['channel'];
  tokenSealed: Buffer | null;
  attempts: number;
}

/** What a provider took: its id of the message, and how an SMS was counted. */
interface Sent {
  providerMessageId: string;
  encoding?: string;
  segments?: number;
}

/** Who refuses the credentials of each channel's invitations, for the log. */
const SENDER_OF: Record<Claimed['channel'], string> = { sms: 'SMS provider', email: 'SMTP server', whatsapp: 'WhatsApp Cloud API' };

/**
 * Sends the invitations that carry a contact's personal survey link: by SMS to the phone the
 * contact was reported with, by e-mail to its address, and as WhatsApp's approved template to
 * the phone (its quick reply brings the link's token back to the dialogue).
 * Several processes share the work (claims with SKIP LOCKED and a lease); a message the
 * provider (the SMTP server) accepted is marked so, and an SMS's delivery reports move it on
 * (`POST /webhooks/sms/{provider}`). Refusals are typed: a rate limit waits, a temporary
 * failure is tried again with jittered back-off up to the outbox's attempts, a recipient that
 * cannot receive (or opted out with the provider) is remembered for the customer, and refused
 * credentials pause every message of that channel.
 */
@Injectable()
export class InvitationSender extends PollingWorker<number> {
  /** The channels whose messages this process can send. */
  private readonly channels: Claimed['channel'][];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider | null,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(WHATSAPP_INVITATIONS) private readonly whatsapp: WhatsappInvitations | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RETRY_RANDOM) private readonly random: RandomSource,
    private readonly texts: InvitationTexts,
    private readonly planner: SurveyPlanner,
    private readonly cipher: PiiCipher,
  ) {
    super(new Logger('Invitations'), { firstMs: 500, idleMs: 1_000, busyMs: 0 });
    // The text and the e-mail carry the link's address, which needs PUBLIC_URL; the template carries its token.
    const byAddress = config.publicUrl === undefined ? [] : [...(provider ? (['sms'] as const) : []), ...(mailer.configured ? (['email'] as const) : [])];
    this.channels = [...byAddress, ...(whatsapp ? (['whatsapp'] as const) : [])];
  }

  protected override shouldRun(): boolean {
    return this.channels.length > 0;
  }

  async tick(): Promise<number> {
    const claimed = await this.claim();
    for (const message of claimed) {
      if (this.stopped) break;
      await this.sendOne(message);
    }
    return claimed.length;
  }

  protected busy(sent: number): boolean {
    if (sent > 0) this.logger.log(`Invitations by link: ${sent} handled`);
    return sent >= BATCH;
  }

  /** The messages due on the channels this process sends, leased to it (attempts counted as they are taken). */
  private async claim(): Promise<Claimed[]> {
    const now = this.clock.now();
    const due = qb
      .selectFrom('invitation_message')
      .select('id')
      .where('status', '=', 'pending')
      .where('channel', 'in', this.channels)
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(BATCH)
      .forUpdate()
      .skipLocked();
    const rows = await execute(
      this.dataSource.manager,
      qb
        .updateTable('invitation_message')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: new Date(now.getTime() + INVITATION_LEASE_MS) }))
        .where('id', 'in', due)
        .returning(['id', 'contact_id', 'channel', 'token_sealed', 'attempts']),
    );
    return rows.map((r) => ({ id: r.id, contactId: r.contact_id, channel: r.channel as Claimed['channel'], tokenSealed: r.token_sealed, attempts: r.attempts }));
  }

  private async sendOne(claimed: Claimed): Promise<void> {
    const contact = await this.dataSource.manager.findOneBy(ContactEntity, { id: claimed.contactId });
    const customer = contact?.customerId ? await this.dataSource.manager.findOneBy(CustomerEntity, { id: contact.customerId }) : null;
    const recipient = contact && recipientOf(contact, claimed.channel).sealed;
    // Erased, or opted out since the decision: nothing is sent.
    if (!contact || !recipient || !claimed.tokenSealed || !customer || customer.erasedAt) return this.fail(claimed.id, 'no_recipient');
    if (customer.optedOutAt) return this.fail(claimed.id, 'opted_out');
    const to = this.cipher.open(recipient);
    const token = this.cipher.open(claimed.tokenSealed);
    try {
      const sent = await this.send(claimed.channel, { contact, customer, to, token });
      await this.dataSource.manager.update(InvitationMessageEntity, claimed.id, {
        status: 'accepted',
        providerMessageId: sent.providerMessageId,
        encoding: sent.encoding ?? null,
        segments: sent.segments ?? null,
        sentAt: this.clock.now(),
        // Sent: the link now lives only in the customer's message.
        tokenSealed: null,
        lastError: null,
      });
    } catch (error) {
      await this.failed(claimed, contact, error);
    }
  }

  private send(channel: Claimed['channel'], message: { contact: ContactEntity; customer: CustomerEntity; to: string; token: string }): Promise<Sent> {
    const { contact, customer, to, token } = message;
    switch (channel) {
      case 'sms':
        return this.sendSms(contact, to, token);
      case 'email':
        return this.sendEmail(contact, customer, to, token);
      case 'whatsapp':
        return this.whatsapp!.send({ to, locale: contact.locale, token });
    }
  }

  private async sendSms(contact: ContactEntity, to: string, token: string): Promise<Sent> {
    const provider = this.provider!;
    const publicUrl = this.config.publicUrl!;
    const sms = await this.texts.sms(contact.locale, surveyUrlOf(publicUrl, token));
    const sent = await provider.send({ to, text: sms.text, statusCallbackUrl: `${publicUrl}/webhooks/sms/${provider.name}` });
    return { providerMessageId: sent.providerMessageId, encoding: sms.encoding, segments: sms.segments };
  }

  /** The e-mail, with the question the survey opens with and a one-click unsubscribe; SMTP failures typed as the channels' send errors. */
  private async sendEmail(contact: ContactEntity, customer: CustomerEntity, to: string, token: string): Promise<Sent> {
    const surveyUrl = surveyUrlOf(this.config.publicUrl!, token);
    const opening = contact.policyId ? await this.planner.opening(this.dataSource.manager, contact.policyId, contact.locale) : null;
    const mail = await this.texts.email(opening?.locale ?? contact.locale, {
      opening: opening?.prompt ?? null,
      surveyUrl,
      unsubscribeUrl: `${surveyUrl}/unsubscribe`,
      customerName: customerNameOf(this.cipher, customer),
    });
    try {
      const { messageId } = await this.mailer.send({ to, ...mail });
      return { providerMessageId: messageId };
    } catch (error) {
      throw mailSendErrorOf(error);
    }
  }

  private async failed(claimed: Claimed, contact: ContactEntity, error: unknown): Promise<void> {
    const now = this.clock.now().getTime();
    const retryAt = async (ms: number) => void (await this.dataSource.manager.update(InvitationMessageEntity, claimed.id, { nextAttemptAt: new Date(now + ms), lastError: reasonOf(error) }));
    if (error instanceof RateLimitedError) return retryAt(error.retryAfterSeconds * 1000);
    if (error instanceof BadCredentialsError) {
      this.logger.error(`The ${SENDER_OF[claimed.channel]} refuses the credentials; invitations by ${claimed.channel} wait: ${error.message}`);
      await execute(this.dataSource.manager, sql`UPDATE invitation_message SET next_attempt_at = ${new Date(now + CREDENTIALS_PAUSE_MS)} WHERE status = 'pending' AND channel = ${claimed.channel}`);
      return;
    }
    if (error instanceof RecipientUnreachableError) {
      await this.unreachable(contact, claimed.channel, error);
      return this.fail(claimed.id, reasonOf(error));
    }
    if (error instanceof RejectedMessageError) return this.fail(claimed.id, reasonOf(error));
    const waitMs = nextAttemptInMs(claimed.attempts, this.random);
    if (waitMs === null) return this.fail(claimed.id, reasonOf(error));
    return retryAt(waitMs);
  }

  /**
   * The number or mailbox cannot receive: later invitations to it are skipped as unreachable,
   * and an opt-out with the provider holds for the customer. A cascade's link step may go to a
   * contact reported on a messenger: then the customer's identity under the phone's or e-mail's
   * blind index is marked, if they have one.
   */
  private async unreachable(contact: ContactEntity, channel: Claimed['channel'], error: RecipientUnreachableError): Promise<void> {
    const now = this.clock.now();
    const { index } = recipientOf(contact, channel);
    const identity = contact.channel === channel ? contact.identityId && { id: contact.identityId } : index && contact.customerId && { customerId: contact.customerId, channel, address: index.toString('hex') };
    if (identity) await this.dataSource.manager.update(CustomerIdentityEntity, identity, { unreachableAt: now });
    if (error instanceof SmsOptedOutError && contact.customerId) await this.dataSource.manager.update(CustomerEntity, { id: contact.customerId, optedOutAt: IsNull() }, { optedOutAt: now });
  }

  private async fail(id: string, reason: string): Promise<void> {
    await this.dataSource.manager.update(InvitationMessageEntity, id, { status: 'failed', lastError: reason, tokenSealed: null, reportedAt: this.clock.now() });
  }
}

/** A survey link's address, which the messages carry. */
function surveyUrlOf(publicUrl: string, token: string): string {
  return `${publicUrl}/chat/s/${token}`;
}

/** What is kept of a failure: the error's own words, which name codes and never the recipient or the text. */
function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
