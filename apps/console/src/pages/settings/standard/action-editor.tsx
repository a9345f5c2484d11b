import { TextAreaField, TextField } from '../../../components/field';
import { LOCALE_NAMES, useI18n } from '../../../i18n/i18n';
import { replaced, without } from '../list-edits';
import { MIN_VARIANTS } from './draft';
import { ItemTools, type Problems, useFieldError } from './texts-row';
import { type Action, TEXT_LOCALES, type TextLocale } from './types';

interface ActionEditorProps {
  action: Action;
  index: number;
  count: number;
  /** The action's field as the API names it: `events.detractor.actions[apologise]`. */
  field: string;
  problems: Problems;
  onChange: (action: Action) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** A customer-facing action: its code, and its phrase variants in each language side by side. */
export function ActionEditor({ action, index, count, field, problems, onChange, onMove, onRemove }: ActionEditorProps) {
  const { t } = useI18n();
  const errorAt = useFieldError(problems);
  const name = t('standard.action', { n: index + 1 });
  const setVariants = (locale: TextLocale, variants: string[]) => onChange({ ...action, phrases: { ...action.phrases, [locale]: variants } });
  return (
    <fieldset className="standard__item">
      <legend className="standard__legend">
        {name}
        {action.code && <code className="standard__code">{action.code}</code>}
      </legend>
      <ItemTools index={index} count={count} label={name} onMove={onMove} onRemove={onRemove} removable={count > 1} />
      <TextField label={t('standard.code')} hint={t('standard.codeHint')} value={action.code} autoComplete="off" spellCheck={false} error={errorAt(`${field}.code`)} onChange={(event) => onChange({ ...action, code: event.target.value })} />
      <div className="standard__texts">
        {TEXT_LOCALES.map((locale) => {
          const variants = action.phrases[locale];
          return (
            <div key={locale} className="standard__variants" role="group" aria-label={`${name}: ${LOCALE_NAMES[locale]}`}>
              <p className="standard__language">{LOCALE_NAMES[locale]}</p>
              {errorAt(`${field}.phrases.${locale}`) && (
                <p className="field__error" lang="en">
                  {errorAt(`${field}.phrases.${locale}`)?.text}
                </p>
              )}
              {variants.map((phrase, v) => (
                <div key={v} className="standard__variant">
                  <TextAreaField
                    label={t('standard.variant', { n: v + 1 })}
                    lang={locale}
                    rows={2}
                    value={phrase}
                    error={errorAt(`${field}.phrases.${locale}[${v}]`)}
                    onChange={(event) => setVariants(locale, replaced(variants, v, event.target.value))}
                  />
                  {variants.length > MIN_VARIANTS && (
                    <button
                      type="button"
                      className="button button--quiet"
                      aria-label={`${t('standard.remove')}: ${t('standard.variant', { n: v + 1 })}, ${LOCALE_NAMES[locale]}`}
                      onClick={() => setVariants(locale, without(variants, v))}
                    >
                      {t('standard.remove')}
                    </button>
                  )}
                </div>
              ))}
              <button type="button" className="button" aria-label={`${t('standard.addVariant')}: ${LOCALE_NAMES[locale]}`} onClick={() => setVariants(locale, [...variants, ''])}>
                {t('standard.addVariant')}
              </button>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
