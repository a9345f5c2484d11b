import { useState } from 'react';
import type { ApiError } from '../../../api/errors';
import { apiFieldError } from '../../../components/api-error';
import { SelectField, TextField } from '../../../components/field';
import { useI18n } from '../../../i18n/i18n';
import { LocalizedField } from './localized-field';
import { OptionsEditor } from './options-editor';
import { QUESTION_TYPES, type QuestionDraft, type QuestionType } from './question-draft';
import { QuestionPreviewPanel } from './question-preview';
import { MoveButtons } from './move-buttons';

const SCALES: readonly QuestionType[] = ['nps', 'ces', 'csat'];

/** Where the question sits in the pool, and what can be done to it there. */
interface Placement {
  index: number;
  count: number;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/**
 * One question of a pool: its type, code and factor, its texts in the three languages, what its
 * type adds (scale labels, options, consent), and a preview of how each channel shows it.
 */
export function QuestionEditor({ draft, onChange, error, placement }: { draft: QuestionDraft; onChange: (draft: QuestionDraft) => void; error: ApiError | null; placement: Placement }) {
  const { t } = useI18n();
  const [previewing, setPreviewing] = useState(false);
  const path = `questions[${placement.index}]`;
  const set = <K extends keyof QuestionDraft>(key: K, value: QuestionDraft[K]) => onChange({ ...draft, [key]: value });
  const field = (name: string) => apiFieldError(error, `${path}.${name}`);
  const number = placement.index + 1;

  return (
    <li className="question card" aria-labelledby={`${draft.key}-title`}>
      <div className="question__head">
        <h3 id={`${draft.key}-title`}>{t('pools.questionNumber', { number, code: draft.code || '—' })}</h3>
        <div className="question__tools">
          <MoveButtons index={placement.index} count={placement.count} onMove={placement.onMove} what={t('pools.questionNumber', { number, code: draft.code || '—' })} />
          <button type="button" className="button button--quiet" onClick={placement.onRemove}>
            {t('pools.removeQuestion')}
          </button>
        </div>
      </div>
      {apiFieldError(error, path) && <p className="field__error" lang="en">{apiFieldError(error, path)!.text}</p>}
      <div className="question__basics">
        <SelectField label={t('pools.type')} name={`${path}.type`} value={draft.type} onChange={(e) => set('type', e.target.value as QuestionType)} error={field('type')}>
          {QUESTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`pools.type.${type}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('pools.code')} hint={t('pools.codeHint')} name={`${path}.code`} value={draft.code} onChange={(e) => set('code', e.target.value)} error={field('code')} />
        <TextField
          label={draft.type === 'likert' ? t('pools.factorRequired') : t('pools.factor')}
          hint={t('pools.factorHint')}
          name={`${path}.factor`}
          value={draft.factor}
          onChange={(e) => set('factor', e.target.value)}
          error={field('factor')}
        />
      </div>
      <LocalizedField label={draft.type === 'likert' ? t('pools.statement') : t('pools.text')} path={`${path}.text`} texts={draft.text} onChange={(texts) => set('text', texts)} error={error} rows={3} />
      {SCALES.includes(draft.type) && (
        <>
          <LocalizedField label={t('pools.lowLabel')} path={`${path}.lowLabel`} texts={draft.lowLabel} onChange={(texts) => set('lowLabel', texts)} error={error} rows={1} />
          <LocalizedField label={t('pools.highLabel')} path={`${path}.highLabel`} texts={draft.highLabel} onChange={(texts) => set('highLabel', texts)} error={error} rows={1} />
        </>
      )}
      {draft.type === 'single_choice' && <OptionsEditor path={path} options={draft.options} onChange={(options) => set('options', options)} error={error} />}
      {draft.type === 'contact' && (
        <>
          <LocalizedField label={t('pools.consentText')} path={`${path}.consentText`} texts={draft.consentText} onChange={(texts) => set('consentText', texts)} error={error} />
          <fieldset className="question__accepts">
            <legend>{t('pools.accepts')}</legend>
            {(['phone', 'email'] as const).map((kind) => (
              <label key={kind} className="choice__option">
                <input
                  type="checkbox"
                  checked={draft.accepts.includes(kind)}
                  onChange={(e) => set('accepts', e.target.checked ? [...draft.accepts, kind] : draft.accepts.filter((k) => k !== kind))}
                />{' '}
                {t(`pools.accepts.${kind}`)}
              </label>
            ))}
            {field('accepts') && <p className="field__error" lang="en">{field('accepts')!.text}</p>}
          </fieldset>
        </>
      )}
      <button type="button" className="button" aria-expanded={previewing} onClick={() => setPreviewing(!previewing)}>
        {previewing ? t('pools.hidePreview') : t('pools.showPreview')}
      </button>
      {previewing && <QuestionPreviewPanel draft={draft} />}
    </li>
  );
}
