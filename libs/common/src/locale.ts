/** The languages every customer-facing text exists in. */
export const LOCALES = ['uk', 'ru', 'en'] as const;

export type Locale = (typeof LOCALES)[number];

/** One text in every supported language. */
export type LocalizedText = Record<Locale, string>;

/** The languages an installation speaks (`SUPPORTED_LOCALES`), and the one it falls back to. */
export interface InstallationLocales {
  supportedLocales: readonly Locale[];
  defaultLocale: Locale;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first supported language among the candidates, in order of preference; a candidate
 * may be a tag with a region (`uk-UA`) or an Accept-Language header.
 */
export function pickLocale(candidates: (string | undefined)[], fallback: Locale, supported: readonly Locale[] = LOCALES): Locale {
  return firstLocale(candidates, supported) ?? fallback;
}

/** The same without a fallback: undefined when no candidate names a supported language. */
export function firstLocale(candidates: (string | undefined)[], supported: readonly Locale[] = LOCALES): Locale | undefined {
  for (const candidate of candidates) {
    // Platforms' fields arrive unchecked: anything but a string counts as absent.
    for (const tag of (typeof candidate === 'string' ? candidate : '').split(',')) {
      const language = tag.split(';')[0].trim().slice(0, 2).toLowerCase();
      if (isLocale(language) && supported.includes(language)) return language;
    }
  }
  return undefined;
}

/** The customer's language when the installation speaks it, else the installation's default. */
export function supportedLocale(locale: Locale, installation: InstallationLocales): Locale {
  return installation.supportedLocales.includes(locale) ? locale : installation.defaultLocale;
}

/**
 * The one language a conversation's questions, their options and the texts around them are
 * in: the customer's (mapped to one the installation speaks) when the pool has its texts,
 * else the pool's first language. A pool declared before the installation dropped a language
 * is taken in the languages both still share, so long as there is one.
 */
export function questionLocale(poolLocales: readonly Locale[], customerLocale: Locale, installation: InstallationLocales): Locale {
  const customer = supportedLocale(customerLocale, installation);
  const spoken = poolLocales.filter((locale) => installation.supportedLocales.includes(locale));
  const offered = spoken.length > 0 ? spoken : poolLocales;
  return offered.includes(customer) ? customer : (offered[0] ?? customer);
}
