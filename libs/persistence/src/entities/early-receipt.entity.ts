import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A platform's or SMS provider's report that touched nothing when it came: it can overtake the
 * answer to the send (WhatsApp's `sent` or `failed` status comes within milliseconds). Held here,
 * it is applied once the message's id is recorded, and dropped after ten minutes if none is (a
 * message some other application sent from the same account). Holds message ids and the
 * platform's reason only, never an address.
 */
@Entity('early_receipt')
@Check('ck_early_receipt_kind', `"kind" IN ('channel', 'provider')`)
export class EarlyReceiptEntity {
  /** `channel`: a channel's delivery status of a message (or of WhatsApp's invitation template); `provider`: an SMS provider's report of an invitation. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_early_receipt' })
  kind: 'channel' | 'provider';

  /** The channel (`whatsapp`, `viber`) or the SMS provider (`twilio`) that reported. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_early_receipt' })
  source: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_early_receipt' })
  messageId: string;

  /** In the reporter's own words: `delivered`, `seen`, `failed` of a channel; `accepted`, `sent`, `delivered`, `failed` of a provider. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_early_receipt' })
  status: string;

  /** Why it failed, as the reporter said. */
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Index('ix_early_receipt_received')
  @Column({ type: 'timestamptz' })
  receivedAt: Date;
}
