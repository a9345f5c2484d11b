import { PiiCipher, PiiDecryptionError } from '@turbota/privacy';
import { RecipientUnreachableError } from '../send-errors';

/** What a customer's identity keeps to write to them on WhatsApp: their number, sealed. */
export interface WhatsappReference {
  /** The `wa_id` (the phone number's digits), sealed with the PII key, in base64. */
  to: string;
}

/**
 * A WhatsApp customer's `wa_id` is their phone number, so it is never kept or logged in the
 * clear: the address Turbota knows them by is the number's blind index (as a customer's phone
 * is matched everywhere), and the number itself travels sealed in the identity's reference,
 * opened only to send.
 */
export class WhatsappRecipients {
  constructor(private readonly cipher: PiiCipher) {}

  /** The customer's address on the channel: the hex blind index of `+<wa_id>`. */
  addressOf(waId: string): string {
    return this.cipher.blindIndex(`+${waId}`).toString('hex');
  }

  /** The reference to keep on the identity, refreshed with every message the customer sends. */
  referenceOf(waId: string): WhatsappReference {
    return { to: this.cipher.seal(waId).toString('base64') };
  }

  /**
   * The number to send to, opened from the identity's reference; a customer whose reference is
   * missing or sealed with a key no longer configured cannot be written to (until they write again).
   */
  numberOf(reference: unknown): string {
    const sealed = (reference as Partial<WhatsappReference> | null | undefined)?.to;
    if (typeof sealed !== 'string' || !sealed) throw new RecipientUnreachableError('send: the customer has no WhatsApp number on record (they never wrote from WhatsApp)');
    try {
      return this.cipher.open(Buffer.from(sealed, 'base64'));
    } catch (error) {
      if (error instanceof PiiDecryptionError) throw new RecipientUnreachableError(`send: the customer's WhatsApp number cannot be opened (${error.failure})`);
      throw error;
    }
  }
}
