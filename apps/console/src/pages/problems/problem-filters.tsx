import { useState } from 'react';
import { SelectField, TextField } from '../../components/field';
import { FiltersDisclosure } from '../../components/filters-disclosure';
import { type Translate, useI18n } from '../../i18n/i18n';
import { href, navigate } from '../../router';
import { DIMENSIONS, type Dimension, filtersOn, type ProblemFilters, problemsSearch, STATUS_CHOICES, type StatusChoice } from './problem-query';

/** A status choice in words. */
function statusChoiceName(t: Translate, choice: StatusChoice): string {
  if (choice === 'unsettled') return t('problems.unsettled');
  if (choice === 'all') return t('problems.anyStatus');
  return t(`problemStatus.${choice}`);
}

/** The list's filters (the API's: status, reason, what the incidents share), in a disclosure; applying puts them in the address. */
export function ProblemFiltersForm({ filters }: { filters: ProblemFilters }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(filters);
  const count = filtersOn(filters);
  const clear = () => {
    setDraft({ status: 'unsettled' });
    navigate(href('/problems'));
  };
  return (
    <FiltersDisclosure
      count={count}
      texts={{ filters: t('problems.filters'), filtersOn: t('problems.filtersOn', { count }), apply: t('problems.apply'), clear: t('problems.clear') }}
      onApply={() => navigate(href(`/problems${problemsSearch({ ...draft, reasonCode: draft.reasonCode?.trim() || undefined })}`))}
      onClear={clear}
    >
      <SelectField label={t('problems.status')} name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as StatusChoice })}>
        {STATUS_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {statusChoiceName(t, choice)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('problems.reason')} name="reasonCode" value={draft.reasonCode ?? ''} onChange={(e) => setDraft({ ...draft, reasonCode: e.target.value })} />
      <SelectField
        label={t('problems.dimension')}
        name="dimension"
        value={draft.dimension ?? ''}
        onChange={(e) => setDraft({ ...draft, dimension: (e.target.value || undefined) as Dimension | undefined })}
      >
        <option value="">{t('problems.any')}</option>
        {DIMENSIONS.map((dimension) => (
          <option key={dimension} value={dimension}>
            {t(`dimension.${dimension}`)}
          </option>
        ))}
      </SelectField>
    </FiltersDisclosure>
  );
}
