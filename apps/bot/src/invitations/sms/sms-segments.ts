/** What a text costs as SMS: its encoding, its length in that encoding's units, and the parts it is billed as. */
export interface SmsSize {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7 (an extension character takes two), UTF-16 code units for UCS-2 (an emoji takes two). */
  characters: number;
  segments: number;
}

// GSM 03.38 basic character set (default alphabet, 1 septet each).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// GSM 03.38 extension table: an escape septet plus one, so 2 septets each.
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

/**
 * How a text will be sent and billed: providers bill per segment, and one character outside
 * the GSM alphabet (any Cyrillic letter, an emoji, a curly quote) turns the whole text to
 * UCS-2, where a segment holds 70 units instead of 160. A long text is split into parts that
 * lose room to the concatenation header (153 septets, 67 units).
 */
export function smsSegments(text: string): SmsSize {
  const chars = [...text];
  const gsm = chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c));
  const characters = gsm ? chars.reduce((n, c) => n + (GSM_EXTENSION.has(c) ? 2 : 1), 0) : text.length;
  const [single, part] = gsm ? [160, 153] : [70, 67];
  const segments = characters === 0 ? 0 : characters <= single ? 1 : Math.ceil(characters / part);
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', characters, segments };
}
