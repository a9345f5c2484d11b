import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, IsNull } from 'typeorm';
import { type Clock, CLOCK, type RandomSource, RETRY_RANDOM } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { ContactEntity, CustomerEntity, CustomerIdentityEntity, execute, InvitationMessageEntity, qb } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { nextAttemptInMs } from '@turbota/server';
import { PollingWorker } from '@turbota/workers';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError } from '../channels/send-errors';
import { InvitationTexts } from './invitation-texts';
import { SMS_PROVIDER, SmsOptedOutError, type SmsProvider } from './sms/sms-provider';

/** Texts per round; each is its own call to the provider. */
const BATCH = 20;
/** A claimed text is another process's to send again only after this: well past the provider's 10 s timeout. */
const LEASE_MS = 60_000;
/** Nothing goes while the provider refuses the credentials; they are tried again after this. */
const CREDENTIALS_PAUSE_MS = 60_000;

/** A claimed text message: its row and the attempt this is. */
interface Claimed {
  id: string;
  contactId: string;
  tokenSealed: Buffer | null;
  attempts: number;
}

/**
 * Sends the invitations that go by SMS: each carries its contact's personal survey link, to
 * the phone the contact was reported with. Several processes share the work (claims with SKIP
 * LOCKED and a lease); a text the provider accepted is marked so, and its delivery reports
 * move it on (`POST /webhooks/sms/{provider}`). The provider's refusals are typed: a rate
 * limit waits, a temporary failure is tried again with jittered back-off up to the outbox's
 * attempts, a number that cannot receive (or opted out with the provider) is remembered for
 * the customer, and refused credentials pause every text.
 */
@Injectable()
export class InvitationSender extends PollingWorker<number> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RETRY_RANDOM) private readonly random: RandomSource,
    private readonly texts: InvitationTexts,
    private readonly cipher: PiiCipher,
  ) {
    super(new Logger('SmsInvitations'), { firstMs: 500, idleMs: 1_000, busyMs: 0 });
  }

  protected override shouldRun(): boolean {
    return this.provider !== null && this.config.publicUrl !== undefined;
  }

  async tick(): Promise<number> {
    const claimed = await this.claim();
    for (const text of claimed) {
      if (this.stopped) break;
      await this.sendOne(text);
    }
    return claimed.length;
  }

  protected busy(sent: number): boolean {
    if (sent > 0) this.logger.log(`SMS invitations: ${sent} handled`);
    return sent >= BATCH;
  }

  /** The texts due, leased to this process (attempts counted as they are taken). */
  private async claim(): Promise<Claimed[]> {
    const now = this.clock.now();
    const due = qb
      .selectFrom('invitation_message')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(BATCH)
      .forUpdate()
      .skipLocked();
    const rows = await execute(
      this.dataSource.manager,
      qb
        .updateTable('invitation_message')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: new Date(now.getTime() + LEASE_MS) }))
        .where('id', 'in', due)
        .returning(['id', 'contact_id', 'token_sealed', 'attempts']),
    );
    return rows.map((r) => ({ id: r.id, contactId: r.contact_id, tokenSealed: r.token_sealed, attempts: r.attempts }));
  }

  private async sendOne(claimed: Claimed): Promise<void> {
    const provider = this.provider!;
    const contact = await this.dataSource.manager.findOneBy(ContactEntity, { id: claimed.contactId });
    const customer = contact?.customerId ? await this.dataSource.manager.findOneBy(CustomerEntity, { id: contact.customerId }) : null;
    // Erased, or opted out since the decision: nothing is sent.
    if (!contact?.phoneSealed || !claimed.tokenSealed || !customer || customer.erasedAt) return this.fail(claimed.id, 'no_recipient');
    if (customer.optedOutAt) return this.fail(claimed.id, 'opted_out');
    const publicUrl = this.config.publicUrl!;
    const sms = await this.texts.sms(contact.locale, `${publicUrl}/chat/s/${this.cipher.open(claimed.tokenSealed)}`);
    try {
      const sent = await provider.send({ to: this.cipher.open(contact.phoneSealed), text: sms.text, statusCallbackUrl: `${publicUrl}/webhooks/sms/${provider.name}` });
      await this.dataSource.manager.update(InvitationMessageEntity, claimed.id, {
        status: 'accepted',
        providerMessageId: sent.providerMessageId,
        encoding: sms.encoding,
        segments: sms.segments,
        sentAt: this.clock.now(),
        // Sent: the link now lives only in the customer's message.
        tokenSealed: null,
        lastError: null,
      });
    } catch (error) {
      await this.failed(claimed, contact, error);
    }
  }

  private async failed(claimed: Claimed, contact: ContactEntity, error: unknown): Promise<void> {
    const now = this.clock.now().getTime();
    const retryAt = async (ms: number) => void (await this.dataSource.manager.update(InvitationMessageEntity, claimed.id, { nextAttemptAt: new Date(now + ms), lastError: reasonOf(error) }));
    if (error instanceof RateLimitedError) return retryAt(error.retryAfterSeconds * 1000);
    if (error instanceof BadCredentialsError) {
      this.logger.error(`The SMS provider refuses the credentials; SMS invitations wait: ${error.message}`);
      await execute(this.dataSource.manager, sql`UPDATE invitation_message SET next_attempt_at = ${new Date(now + CREDENTIALS_PAUSE_MS)} WHERE status = 'pending'`);
      return;
    }
    if (error instanceof RecipientUnreachableError) {
      await this.unreachable(contact, error);
      return this.fail(claimed.id, reasonOf(error));
    }
    if (error instanceof RejectedMessageError) return this.fail(claimed.id, reasonOf(error));
    const waitMs = nextAttemptInMs(claimed.attempts, this.random);
    if (waitMs === null) return this.fail(claimed.id, reasonOf(error));
    return retryAt(waitMs);
  }

  /** The number cannot receive: later invitations to it are skipped as unreachable, and an opt-out with the provider holds for the customer. */
  private async unreachable(contact: ContactEntity, error: RecipientUnreachableError): Promise<void> {
    const now = this.clock.now();
    if (contact.identityId) await this.dataSource.manager.update(CustomerIdentityEntity, contact.identityId, { unreachableAt: now });
    if (error instanceof SmsOptedOutError && contact.customerId) await this.dataSource.manager.update(CustomerEntity, { id: contact.customerId, optedOutAt: IsNull() }, { optedOutAt: now });
  }

  private async fail(id: string, reason: string): Promise<void> {
    await this.dataSource.manager.update(InvitationMessageEntity, id, { status: 'failed', lastError: reason, tokenSealed: null, reportedAt: this.clock.now() });
  }
}

/** What is kept of a failure: the error's own words, which name codes and never the recipient or the text. */
function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
