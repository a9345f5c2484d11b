import type { CustomerEntity } from '@turbota/persistence';
import { PiiCipher, PiiDecryptionError } from '@turbota/privacy';

/** The customer's name to greet them by; none when unknown or sealed with a key this process lacks. */
export function customerNameOf(cipher: PiiCipher, customer: CustomerEntity): string | undefined {
  if (!customer.nameSealed) return undefined;
  try {
    return cipher.open(customer.nameSealed);
  } catch (error) {
    if (error instanceof PiiDecryptionError) return undefined;
    throw error;
  }
}
