import type { ApiError } from '../../../api/errors';
import { apiFieldError } from '../../../components/api-error';
import { TextAreaField } from '../../../components/field';
import { LOCALE_NAMES, useI18n } from '../../../i18n/i18n';
import { TEXT_LOCALES, type TextLocale } from './types';

/** Where a text's problems come from: the API's last refusal, and the fields the editor found empty. */
export interface Problems {
  error: ApiError | null;
  /** Empty fields are marked once the admin has tried to publish. */
  empty: ReadonlySet<string>;
}

/** The error shown at one field: the API's words, else "missing" where it was left empty. */
export function useFieldError(problems: Problems) {
  const { t } = useI18n();
  return (field: string) => apiFieldError(problems.error, field) ?? (problems.empty.has(field) ? { text: t('standard.missing') } : undefined);
}

/** One text in the three languages side by side (stacked on a phone), each marked where it is missing. */
export function TextsRow({ texts, field, problems, onChange, rows = 2 }: { texts: Record<TextLocale, string>; field: (locale: TextLocale) => string; problems: Problems; onChange: (locale: TextLocale, text: string) => void; rows?: number }) {
  const errorAt = useFieldError(problems);
  return (
    <div className="standard__texts">
      {TEXT_LOCALES.map((locale) => (
        <TextAreaField key={locale} label={LOCALE_NAMES[locale]} lang={locale} rows={rows} value={texts[locale]} error={errorAt(field(locale))} onChange={(event) => onChange(locale, event.target.value)} />
      ))}
    </div>
  );
}

/** Up, down and remove for an item of an ordered list. */
export function ItemTools({ index, count, label, onMove, onRemove, removable = true }: { index: number; count: number; label: string; onMove: (by: -1 | 1) => void; onRemove: () => void; removable?: boolean }) {
  const { t } = useI18n();
  return (
    <span className="standard__tools">
      <button type="button" className="button button--small" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`${t('standard.moveUp')}: ${label}`}>
        ↑
      </button>
      <button type="button" className="button button--small" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`${t('standard.moveDown')}: ${label}`}>
        ↓
      </button>
      <button type="button" className="button button--small button--danger" disabled={!removable} aria-label={`${t('standard.remove')}: ${label}`} onClick={onRemove}>
        {t('standard.remove')}
      </button>
    </span>
  );
}
