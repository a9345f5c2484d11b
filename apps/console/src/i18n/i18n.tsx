import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en, type MessageKey } from './en';
import { ru } from './ru';
import { uk } from './uk';

/** The console's languages, in the order the switch lists them. */
export const LOCALES = ['uk', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's name in itself, for the switch. */
export const LOCALE_NAMES: Record<Locale, string> = { uk: 'Українська', ru: 'Русский', en: 'English' };

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { uk, ru, en };
const STORAGE_KEY = 'turbota.console.locale';

const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value);

function storedLocale(): Locale | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined; // storage may be switched off; the browser's languages still decide
  }
}

/** The saved choice, else the first of the browser's languages the console speaks, else English. */
export function initialLocale(): Locale {
  const fromBrowser = navigator.languages.map((tag) => tag.toLowerCase().split('-')[0]).find(isLocale);
  return storedLocale() ?? fromBrowser ?? 'en';
}

/** `{name}` placeholders in a message, filled from `values`. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

// The language on screen, for what runs outside React (the API client asks for it).
let spoken: Locale | undefined;

/** The console's language now: the API is asked to answer in it (an incident's tasks for the staff). */
export function spokenLocale(): Locale {
  return spoken ?? initialLocale();
}

/** Holds the chosen language, keeps `<html lang>` in step and saves a choice for the next visit. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (spoken = initialLocale()));
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    spoken = next;
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not saved: the choice still holds for this visit.
    }
  }, []);
  const t = useCallback<Translate>(
    (key, values) => MESSAGES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (values && name in values ? String(values[name]) : whole)),
    [locale],
  );
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The language, its switch and the translate function. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n needs an I18nProvider above it');
  return i18n;
}

/** Sets the tab's title to a page's name. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Turbota`;
  }, [title]);
}
