import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Regions whose national forms are read in customers' words: Ukraine (`067…`, and the old
 * trunk `8 067…`), Russia and Kazakhstan (`8 912…`, `8 701…`), Belarus (`8 029…`).
 * The numbers of other countries are recognised with their `+` or `00` code.
 */
export const PHONE_REGIONS: readonly CountryCode[] = ['UA', 'RU', 'KZ', 'BY'];

/** A phone found in a run of digits: where it starts and ends (in digits) and its E.164. */
export interface DigitPhone {
  from: number;
  to: number;
  e164: string;
}

/**
 * Splits a run of digits (separators removed) into the phones it is made of, one after the
 * other (`06712345670501234567` is two); undefined when the run is not phones only.
 * `international` says the run was written with `+` before it.
 */
export function phonesInDigits(digits: string, international: boolean, regions: readonly CountryCode[] = PHONE_REGIONS): DigitPhone[] | undefined {
  const phones: DigitPhone[] = [];
  let at = 0;
  while (at < digits.length) {
    const found = phoneAt(digits, at, international && at === 0, regions);
    if (!found) return undefined;
    phones.push(found);
    at = found.to;
  }
  return phones.length > 0 ? phones : undefined;
}

/** The longest phone starting at `at`, tried as international first when written so, then in each region. */
function phoneAt(digits: string, at: number, international: boolean, regions: readonly CountryCode[]): DigitPhone | undefined {
  for (let length = Math.min(15, digits.length - at); length >= 9; length--) {
    const candidate = digits.slice(at, at + length);
    const e164 = international ? valid(`+${candidate}`) : nationalOrDialled(candidate, regions);
    if (e164) return { from: at, to: at + length, e164 };
  }
  return undefined;
}

function nationalOrDialled(candidate: string, regions: readonly CountryCode[]): string | undefined {
  if (candidate.startsWith('00')) return valid(`+${candidate.slice(2)}`);
  for (const region of regions) {
    const e164 = valid(candidate, region) ?? (region === 'UA' && /^80\d{9}$/.test(candidate) ? valid(candidate.slice(1), 'UA') : undefined);
    if (e164) return e164;
  }
  // A code written without its `+` (`380671234567`, `79123456789`).
  return candidate.length >= 11 ? valid(`+${candidate}`) : undefined;
}

function valid(text: string, region?: CountryCode): string | undefined {
  const phone = parsePhoneNumberFromString(text, region);
  return phone?.isValid() ? phone.number : undefined;
}
