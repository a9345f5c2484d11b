/** The languages every customer-facing text exists in. */
export const LOCALES = ['uk', 'ru', 'en'] as const;

export type Locale = (typeof LOCALES)[number];

/** One text in every supported language. */
export type LocalizedText = Record<Locale, string>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first supported language among the candidates, in order of preference; a candidate
 * may be a tag with a region (`uk-UA`) or an Accept-Language header.
 */
export function pickLocale(candidates: (string | undefined)[], fallback: Locale): Locale {
  for (const candidate of candidates) {
    // Platforms' fields arrive unchecked: anything but a string counts as absent.
    for (const tag of (typeof candidate === 'string' ? candidate : '').split(',')) {
      const language = tag.split(';')[0].trim().slice(0, 2).toLowerCase();
      if (isLocale(language)) return language;
    }
  }
  return fallback;
}
