import { type FormEvent, useState } from 'react';
import { SelectField, TextField } from '../../components/field';
import { LOCALE_NAMES, LOCALES, useI18n } from '../../i18n/i18n';
import { href, navigate } from '../../router';
import type { OptionCut } from './report-data';
import { INTERVALS, type Interval, PRESETS, presetOf, type ReportView, searchOf, withPreset } from './report-query';

const OPTION_CUTS: readonly OptionCut[] = ['channel', 'agent', 'serviceType', 'pointOfService'];

interface Props {
  view: ReportView;
  /** The values each cut takes in the period; empty until the figures are read. */
  options: Record<OptionCut, string[]> | undefined;
}

const show = (view: ReportView) => navigate(href(`/reports${searchOf(view)}`));

/** The period (a preset or two days), the trends' step and the cuts; applying puts them in the address. */
export function ReportFiltersForm({ view, options }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(view);
  const preset = presetOf(view);
  const setCut = (cut: OptionCut | 'locale', value: string) => setDraft((current) => ({ ...current, cuts: { ...current.cuts, [cut]: value || undefined } }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const from = draft.from || view.from;
    const to = draft.to || view.to;
    show({ ...draft, from: from <= to ? from : to, to: from <= to ? to : from });
  };
  // A cut's choices: the values of the period, and the one chosen even if the period has none of it.
  const choices = (cut: OptionCut) => [...new Set([...(options?.[cut] ?? []), ...(draft.cuts[cut] ? [draft.cuts[cut]] : [])])].sort();
  return (
    <form className="report-filters" onSubmit={apply} aria-labelledby="report-filters-title" noValidate>
      <h2 className="visually-hidden" id="report-filters-title">
        {t('reports.filters')}
      </h2>
      <fieldset className="report-filters__presets">
        <legend>{t('reports.period')}</legend>
        {PRESETS.map((days) => (
          <button key={days} type="button" className="chip" aria-pressed={preset === days} onClick={() => show(withPreset(draft, days))}>
            {t(`reports.last${days}`)}
          </button>
        ))}
      </fieldset>
      <TextField type="date" label={t('reports.from')} name="from" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
      <TextField type="date" label={t('reports.to')} name="to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      <SelectField label={t('reports.interval')} name="interval" value={draft.interval} onChange={(e) => setDraft({ ...draft, interval: e.target.value as Interval })}>
        {INTERVALS.map((interval) => (
          <option key={interval} value={interval}>
            {t(`reports.${interval}`)}
          </option>
        ))}
      </SelectField>
      {OPTION_CUTS.map((cut) => (
        <SelectField key={cut} label={t(`reports.${cut}`)} name={cut} value={draft.cuts[cut] ?? ''} onChange={(e) => setCut(cut, e.target.value)}>
          <option value="">{t('reports.all')}</option>
          {choices(cut).map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </SelectField>
      ))}
      <SelectField label={t('reports.locale')} name="locale" value={draft.cuts.locale ?? ''} onChange={(e) => setCut('locale', e.target.value)}>
        <option value="">{t('reports.all')}</option>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </SelectField>
      <div className="report-filters__actions">
        <button type="submit" className="button button--primary">
          {t('reports.apply')}
        </button>
      </div>
    </form>
  );
}
