import { useId } from 'react';
import { type Locale, LOCALE_NAMES, LOCALES, useI18n } from '../i18n/i18n';

/** The language drop-down; the choice is kept for the next visit. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  const id = useId();
  return (
    <div className="language">
      <label htmlFor={id} className="visually-hidden">
        {t('app.language')}
      </label>
      <select id={id} className="control control--compact" value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
