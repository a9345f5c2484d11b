import { z } from 'zod';

/**
 * What an invitation costs on each channel that charges for it (`INVITATION_PRICES`), in one
 * currency (`INVITATION_CURRENCY`): an SMS's price is per segment, as providers bill it; any
 * other channel's per message. A channel without a price is reported without a cost.
 */
export interface InvitationPrices {
  currency: string;
  perMessage: Record<string, number>;
}

/** `sms=0.85, email=0.002`: a channel's name, `=`, a price of at least 0 with at most 6 decimals. */
const ENTRY = /^([a-z]+)\s*=\s*(\d{1,9}(?:\.\d{1,6})?)$/;

/** INVITATION_PRICES as the schema reads it: each channel once, each price a plain decimal. */
export const invitationPricesSchema = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const text = raw?.trim();
    if (!text) return undefined;
    const prices: Record<string, number> = {};
    for (const entry of text.split(',').map((e) => e.trim())) {
      const parts = ENTRY.exec(entry);
      if (!parts) {
        ctx.addIssue({ code: 'custom', message: `must be channel=price pairs separated by commas, e.g. sms=0.85,email=0.002; "${entry}" is not one` });
        return z.NEVER;
      }
      if (Object.hasOwn(prices, parts[1])) {
        ctx.addIssue({ code: 'custom', message: `names ${parts[1]} twice` });
        return z.NEVER;
      }
      prices[parts[1]] = Number(parts[2]);
    }
    return prices;
  });

/** INVITATION_CURRENCY: an ISO 4217 code, as the reports print it. */
export const invitationCurrencySchema = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined)
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code, e.g. UAH, EUR or USD').optional());

/** The prices, or null when none are set. */
export function invitationPricesOf(e: { INVITATION_PRICES?: Record<string, number>; INVITATION_CURRENCY?: string }): InvitationPrices | null {
  return e.INVITATION_PRICES && e.INVITATION_CURRENCY ? { currency: e.INVITATION_CURRENCY, perMessage: e.INVITATION_PRICES } : null;
}
