import type { ApiError } from '../../../api/errors';
import { SelectField, TextField } from '../../../components/field';
import { type Translate, useI18n } from '../../../i18n/i18n';
import { channelName } from '../deliveries/delivery-table';
import { problemsAt } from './field-problems';
import { FieldsetError } from './fieldset-error';
import type { CascadeChannel, CascadeStepDraft } from './policy-draft';

/** The channels a cascade may list, as the API names them; one that is off is skipped when its turn comes. */
const CHANNELS: readonly CascadeChannel[] = ['telegram', 'viber', 'messenger', 'whatsapp', 'slack', 'botframework', 'sms', 'email'];

/** As many steps as the API takes. */
const MAX_STEPS = 6;

/** A channel's name as people know it: the messengers' own, and SMS and e-mail in the console's language. */
function stepChannelName(t: Translate, channel: CascadeChannel): string {
  if (channel === 'sms') return t('policy.cascade.sms');
  if (channel === 'email') return t('policy.cascade.email');
  return channelName(t, channel);
}

/** The list with the step at `from` moved to `to`. */
function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/**
 * The invitation cascade: channels in order, each with the minutes to wait for an answer before
 * the next one goes (none on the last: it waits for the answer timeout). Steps are added,
 * removed and moved up or down; the API's refusals show at the step they name.
 */
export function CascadeFields({ steps, onChange, error, disabled }: { steps: CascadeStepDraft[]; onChange: (steps: CascadeStepDraft[]) => void; error: ApiError | null; disabled: boolean }) {
  const { t } = useI18n();
  const set = (i: number, part: Partial<CascadeStepDraft>) => onChange(steps.map((step, j) => (j === i ? { ...step, ...part } : step)));
  const unused = CHANNELS.find((channel) => !steps.some((step) => step.channel === channel)) ?? 'sms';
  return (
    <fieldset className="choice cascade" disabled={disabled}>
      <legend className="field__label">{t('policy.cascade')}</legend>
      <p className="field__hint">{t('policy.cascade.hint')}</p>
      {steps.length === 0 && <p className="field__hint">{t('policy.cascade.empty')}</p>}
      <ol className="cascade__steps">
        {steps.map((step, i) => (
          <li key={i} className="cascade__step">
            <SelectField
              label={t('policy.cascade.channel', { n: i + 1 })}
              name={`cascade.${i}.channel`}
              value={step.channel}
              onChange={(e) => set(i, { channel: e.target.value as CascadeChannel })}
              error={problemsAt(error, `cascade.${i}.channel`)}
            >
              {CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {stepChannelName(t, channel)}
                </option>
              ))}
            </SelectField>
            {i < steps.length - 1 ? (
              <TextField
                label={t('policy.cascade.wait')}
                hint={t('policy.cascade.wait.hint')}
                name={`cascade.${i}.waitMinutes`}
                type="number"
                inputMode="numeric"
                value={step.waitMinutes}
                onChange={(e) => set(i, { waitMinutes: e.target.value })}
                error={problemsAt(error, `cascade.${i}.waitMinutes`)}
              />
            ) : (
              <p className="field__hint cascade__last">{t('policy.cascade.last')}</p>
            )}
            <div className="cascade__actions">
              {/* Named with their step, so a screen reader tells the rows' buttons apart. */}
              <button type="button" className="button" onClick={() => onChange(moved(steps, i, i - 1))} disabled={i === 0} aria-label={`${t('policy.cascade.up')}: ${t('policy.cascade.step', { n: i + 1 })}`}>
                {t('policy.cascade.up')}
              </button>
              <button type="button" className="button" onClick={() => onChange(moved(steps, i, i + 1))} disabled={i === steps.length - 1} aria-label={`${t('policy.cascade.down')}: ${t('policy.cascade.step', { n: i + 1 })}`}>
                {t('policy.cascade.down')}
              </button>
              <button type="button" className="button" onClick={() => onChange(steps.filter((_, j) => j !== i))} aria-label={`${t('policy.cascade.remove')}: ${t('policy.cascade.step', { n: i + 1 })}`}>
                {t('policy.cascade.remove')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div>
        <button type="button" className="button" onClick={() => onChange([...steps, { channel: unused, waitMinutes: '30' }])} disabled={steps.length >= MAX_STEPS}>
          {t('policy.cascade.add')}
        </button>
      </div>
      <FieldsetError error={error} field="cascade" />
    </fieldset>
  );
}
