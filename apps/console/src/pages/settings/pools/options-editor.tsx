import type { ApiError } from '../../../api/errors';
import { apiFieldError } from '../../../components/api-error';
import { TextField } from '../../../components/field';
import { useI18n } from '../../../i18n/i18n';
import { LocalizedField } from './localized-field';
import { MoveButtons } from './move-buttons';
import { moved } from '../list-edits';
import { newOption, type OptionDraft } from './question-draft';

/** The options of a single-choice question: code, label in three languages, factor; reordered with buttons. */
export function OptionsEditor({ path, options, onChange, error }: { path: string; options: OptionDraft[]; onChange: (options: OptionDraft[]) => void; error: ApiError | null }) {
  const { t } = useI18n();
  const replace = (index: number, option: OptionDraft) => onChange(options.map((o, i) => (i === index ? option : o)));
  const listError = apiFieldError(error, `${path}.options`);
  return (
    <fieldset className="options">
      <legend>{t('pools.options')}</legend>
      {listError && <p className="field__error" lang="en">{listError.text}</p>}
      <ol className="options__list">
        {options.map((option, index) => {
          const at = `${path}.options[${index}]`;
          const what = t('pools.optionNumber', { number: index + 1, code: option.code || '—' });
          return (
            <li key={option.key} className="option">
              <div className="option__head">
                <span className="option__title">{what}</span>
                <MoveButtons index={index} count={options.length} onMove={(by) => onChange(moved(options, index, by))} what={what} />
                <button type="button" className="button button--quiet" onClick={() => onChange(options.filter((_, i) => i !== index))} aria-label={t('pools.removeOptionNamed', { what })}>
                  {t('pools.removeOption')}
                </button>
              </div>
              <div className="option__codes">
                <TextField label={t('pools.optionCode')} name={`${at}.code`} value={option.code} onChange={(e) => replace(index, { ...option, code: e.target.value })} error={apiFieldError(error, `${at}.code`)} />
                <TextField label={t('pools.factor')} name={`${at}.factor`} value={option.factor} onChange={(e) => replace(index, { ...option, factor: e.target.value })} error={apiFieldError(error, `${at}.factor`)} />
              </div>
              <LocalizedField label={t('pools.optionLabel')} path={`${at}.label`} texts={option.label} onChange={(label) => replace(index, { ...option, label })} error={error} rows={1} />
            </li>
          );
        })}
      </ol>
      <button type="button" className="button" onClick={() => onChange([...options, newOption()])}>
        {t('pools.addOption')}
      </button>
    </fieldset>
  );
}
