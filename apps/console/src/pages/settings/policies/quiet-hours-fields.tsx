import { useId, useMemo } from 'react';
import type { ApiError } from '../../../api/errors';
import { TextField } from '../../../components/field';
import { useI18n } from '../../../i18n/i18n';
import { problemsAt } from './field-problems';
import { FieldsetError } from './fieldset-error';
import type { PolicyDraft } from './policy-draft';

type QuietDraft = Pick<PolicyDraft, 'quietOn' | 'quietStart' | 'quietEnd' | 'timeZone'>;

/** Every IANA zone the browser knows, and the current one when it is an alias the list leaves out (Europe/Kyiv beside Europe/Kiev). */
function zonesWith(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

/** The quiet hours: on or off, from and until (local time), and their time zone, searched by typing. */
export function QuietHoursFields({ draft, onChange, error, disabled }: { draft: QuietDraft; onChange: (change: Partial<QuietDraft>) => void; error: ApiError | null; disabled: boolean }) {
  const { t } = useI18n();
  const listId = useId();
  const zones = useMemo(() => zonesWith(draft.timeZone), [draft.timeZone]);
  return (
    <fieldset className="choice quiet-hours" disabled={disabled}>
      <legend className="field__label">{t('policy.quietHours')}</legend>
      <p className="field__hint">{t('policy.quietHours.hint')}</p>
      <label className="choice__option">
        <input type="checkbox" name="quietOn" checked={draft.quietOn} onChange={(e) => onChange({ quietOn: e.target.checked })} />
        {t('policy.quietHours.on')}
      </label>
      {draft.quietOn && (
        <div className="quiet-hours__fields">
          <TextField
            label={t('policy.quietHours.start')}
            hint={t('policy.quietHours.start.hint')}
            name="quietStart"
            type="time"
            value={draft.quietStart}
            onChange={(e) => onChange({ quietStart: e.target.value })}
            error={problemsAt(error, 'quietHours.start')}
          />
          <TextField
            label={t('policy.quietHours.end')}
            hint={t('policy.quietHours.end.hint')}
            name="quietEnd"
            type="time"
            value={draft.quietEnd}
            onChange={(e) => onChange({ quietEnd: e.target.value })}
            error={problemsAt(error, 'quietHours.end')}
          />
          <TextField
            label={t('policy.quietHours.timeZone')}
            hint={t('policy.quietHours.timeZone.hint')}
            name="timeZone"
            list={listId}
            autoComplete="off"
            spellCheck={false}
            value={draft.timeZone}
            onChange={(e) => onChange({ timeZone: e.target.value })}
            error={problemsAt(error, 'quietHours.timeZone')}
          />
          <datalist id={listId}>
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>
      )}
      <FieldsetError error={error} field="quietHours" />
    </fieldset>
  );
}
