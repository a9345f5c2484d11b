import { type FormEvent, useCallback, useState } from 'react';
import { ApiErrorMessage, useAction } from '../../../components/api-error';
import { SelectField, TextField } from '../../../components/field';
import { useI18n } from '../../../i18n/i18n';
import { fieldsShown, problemsAt } from './field-problems';
import { type PolicyDraft, POLICY_FIELDS, type PolicySettings, type QuestionPool, settingsOf } from './policy-draft';
import { CascadeFields } from './cascade-fields';
import { QuietHoursFields } from './quiet-hours-fields';

const METRICS = [
  ['nps', 'NPS'],
  ['ces', 'CES'],
  ['csat', 'CSAT'],
] as const;

/** The question of the pool each role takes, by the question types it may be. */
const ROLE_TYPES = { reasonQuestion: ['single_choice'], improvementQuestion: ['free_text'], contactQuestion: ['contact'] } as const;
type QuestionRole = keyof typeof ROLE_TYPES;

type TextKey = 'name' | 'serviceTypes' | 'maxQuestions' | 'samplingRate' | 'cooldownDays' | 'answerTimeoutMinutes' | 'reminderAfterMinutes' | 'reviewUrl';

/**
 * Every setting of a survey policy, each with a line saying what it does; the API checks them
 * and its refusals show at the fields they name. `onSave` throws the API's refusal.
 */
export function PolicyForm({
  initial,
  pools,
  submitLabel,
  readOnly = false,
  onSave,
}: {
  initial: PolicyDraft;
  pools: QuestionPool[];
  submitLabel: string;
  readOnly?: boolean;
  onSave: (settings: PolicySettings) => Promise<void>;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const change = (part: Partial<PolicyDraft>) => setDraft((current) => ({ ...current, ...part }));
  const work = useCallback(() => onSave(settingsOf(draft)), [draft, onSave]);
  const { busy, error, run } = useAction(work);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run();
  };
  const pool = pools.find((candidate) => candidate.id === draft.poolId);
  const text = (field: TextKey, options: { type?: string; inputMode?: 'numeric' | 'decimal' | 'url'; step?: string } = {}) => (
    <TextField
      label={t(`policy.${field}`)}
      hint={t(`policy.${field}.hint`)}
      name={field}
      autoComplete="off"
      value={draft[field]}
      onChange={(e) => change({ [field]: e.target.value })}
      error={problemsAt(error, field)}
      {...options}
    />
  );
  const question = (role: QuestionRole) => {
    const fitting = (pool?.questions ?? []).filter((q) => (ROLE_TYPES[role] as readonly string[]).includes(q.type)).map((q) => q.code);
    // A code the pool no longer has stays selectable, so saving shows the API's word on it rather than dropping it.
    const codes = draft[role] && !fitting.includes(draft[role]) ? [draft[role], ...fitting] : fitting;
    return (
      <SelectField label={t(`policy.${role}`)} hint={t(`policy.${role}.hint`)} name={role} value={draft[role]} onChange={(e) => change({ [role]: e.target.value })} error={problemsAt(error, role)}>
        <option value="">{t('policies.none.option')}</option>
        {codes.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </SelectField>
    );
  };

  return (
    <form className="form policy-form" onSubmit={submit} noValidate>
      <ApiErrorMessage error={error} fields={fieldsShown(error, POLICY_FIELDS)} own={{ 409: t('policies.exists'), 412: t('policies.stale') }} />
      <fieldset className="policy-form__fields" disabled={readOnly}>
        {text('name')}
        {text('serviceTypes')}
        <SelectField
          label={t('policy.integralMetric')}
          hint={t('policy.integralMetric.hint')}
          name="integralMetric"
          value={draft.integralMetric}
          onChange={(e) => change({ integralMetric: e.target.value as PolicyDraft['integralMetric'] })}
          error={problemsAt(error, 'integralMetric')}
        >
          {METRICS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('policy.poolId')} hint={t('policy.poolId.hint')} name="poolId" value={draft.poolId} onChange={(e) => change({ poolId: e.target.value })} error={problemsAt(error, 'poolId')}>
          {!pool && <option value={draft.poolId}>{draft.poolId}</option>}
          {pools.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </SelectField>
        {text('maxQuestions', { type: 'number', inputMode: 'numeric' })}
        {text('samplingRate', { type: 'number', inputMode: 'decimal', step: '0.01' })}
        {text('cooldownDays', { type: 'number', inputMode: 'numeric' })}
      </fieldset>
      <QuietHoursFields draft={draft} onChange={change} error={error} disabled={readOnly} />
      <fieldset className="policy-form__fields" disabled={readOnly}>
        {text('answerTimeoutMinutes', { type: 'number', inputMode: 'numeric' })}
        {text('reminderAfterMinutes', { type: 'number', inputMode: 'numeric' })}
        {question('reasonQuestion')}
        {question('improvementQuestion')}
        {question('contactQuestion')}
        {text('reviewUrl', { type: 'url', inputMode: 'url' })}
      </fieldset>
      <CascadeFields steps={draft.cascade} onChange={(cascade) => change({ cascade })} error={error} disabled={readOnly} />
      {!readOnly && (
        <div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      )}
    </form>
  );
}
