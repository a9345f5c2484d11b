import type { ApiError } from '../../../api/errors';
import { apiFieldError } from '../../../components/api-error';
import { TextAreaField } from '../../../components/field';
import { LOCALE_NAMES, type Locale, useI18n } from '../../../i18n/i18n';
import { usePoolLanguages } from './pool-languages';
import { missingTranslation, type Texts } from './question-draft';

/**
 * One text in the pool's languages, side by side on a wide screen and stacked on a phone. A
 * language left empty while another has the text is marked as a translation to add; what the
 * API said of a language (`questions[2].text.ru`) shows at that language's field.
 */
export function LocalizedField({ label, path, texts, onChange, error, rows = 2 }: { label: string; path: string; texts: Texts; onChange: (texts: Texts) => void; error: ApiError | null; rows?: number }) {
  const { t } = useI18n();
  const languages = usePoolLanguages();
  const missing = (locale: Locale) => missingTranslation(texts, locale, languages);
  const set = (locale: Locale, value: string) => onChange({ ...texts, [locale]: value });
  return (
    <fieldset className="localized">
      {/* Each field's own label names the text and its language; the legend groups them for a screen reader. */}
      <legend className="visually-hidden">{label}</legend>
      <div className="localized__columns">
        {languages.map((locale) => (
          <div key={locale} className={missing(locale) ? 'localized__column localized__column--missing' : 'localized__column'}>
            <TextAreaField
              label={`${label} · ${LOCALE_NAMES[locale]}`}
              name={`${path}.${locale}`}
              rows={rows}
              lang={locale}
              value={texts[locale]}
              onChange={(e) => set(locale, e.target.value)}
              hint={missing(locale) ? t('pools.missingTranslation', { language: LOCALE_NAMES[locale] }) : undefined}
              error={apiFieldError(error, `${path}.${locale}`)}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
