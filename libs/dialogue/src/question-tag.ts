/**
 * A two-character tag of a question's code, carried in a button's payload so that a tap is
 * taken only for the question its button was drawn for (a stale or double tap on an answered
 * question is refused). Short, because Telegram's `callback_data` holds 64 bytes and an option
 * code alone may take 60 of them; a collision (1 in 1,296) only lets a stale tap be read as
 * it was read before the tag existed.
 */
export function questionTag(questionCode: string): string {
  // FNV-1a over the code's UTF-16 units: stable across processes and releases.
  let hash = 0x811c9dc5;
  for (let i = 0; i < questionCode.length; i++) {
    hash ^= questionCode.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % TAGS).toString(36).padStart(2, '0');
}

const TAGS = 36 * 36;
