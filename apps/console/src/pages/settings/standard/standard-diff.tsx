import { Fragment, useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { asApiError, ok } from '../../../api/errors';
import { Loading } from '../../../components/alerts';
import { ApiErrorMessage } from '../../../components/api-error';
import { SelectField } from '../../../components/field';
import { LOCALE_NAMES, useI18n } from '../../../i18n/i18n';
import { type DiffRow, type RowTexts, standardDiff } from './diff';
import { eventTitle } from './event-editor';
import { TEXT_LOCALES, type StandardEvents } from './types';

/** What a side of the comparison is: a published version, or the admin's unpublished edits. */
type Side = number | 'draft';

const DRAFT = 'draft';

function Texts({ texts, other }: { texts?: RowTexts; other?: RowTexts }) {
  if (!texts) return <span aria-hidden="true">—</span>;
  return (
    <dl className="standard__diff-texts">
      {TEXT_LOCALES.map((locale) => (
        <Fragment key={locale}>
          <dt>{LOCALE_NAMES[locale]}</dt>
          {texts[locale].map((line, i) => (
            <dd key={i} lang={locale} className={other && other[locale][i] !== line ? 'standard__diff-changed' : undefined}>
              {line}
            </dd>
          ))}
        </Fragment>
      ))}
    </dl>
  );
}

function RowName({ row }: { row: DiffRow }) {
  const { t } = useI18n();
  return (
    <>
      {row.kind === 'task' ? t('standard.task', { n: row.name }) : <code>{row.name}</code>}
      <span className={`standard__change standard__change--${row.change}`}>{t(`standard.${row.change}`)}</span>
    </>
  );
}

/** Two versions (or the latest and the unpublished edits) side by side: only the rows that differ. */
export function StandardDiff({ latest, draft }: { latest: number; draft?: StandardEvents }) {
  const { t } = useI18n();
  const [from, setFrom] = useState<Side>(draft ? latest : Math.max(1, latest - 1));
  const [to, setTo] = useState<Side>(draft ? DRAFT : latest);
  const [tables, setTables] = useState<Partial<Record<string, StandardEvents>>>({});
  const [error, setError] = useState<ReturnType<typeof asApiError> | null>(null);

  useEffect(() => {
    for (const side of [from, to]) {
      if (side === DRAFT || tables[side] !== undefined) continue;
      ok(api.GET('/api/v1/standard/versions/{version}', { params: { path: { version: side } } })).then(
        (found) => setTables((current) => ({ ...current, [side]: found.events })),
        (caught: unknown) => setError(asApiError(caught)),
      );
    }
  }, [from, to, tables]);

  const tableOf = (side: Side) => (side === DRAFT ? draft : tables[side]);
  const sides: Side[] = [...(draft ? [DRAFT as Side] : []), ...Array.from({ length: latest }, (_, i) => latest - i)];
  const label = (side: Side) => (side === DRAFT ? t('standard.draft') : t('standard.version', { version: side }));
  const pick = (value: string): Side => (value === DRAFT ? DRAFT : Number(value));
  const before = tableOf(from);
  const after = tableOf(to);
  const diff = before && after ? standardDiff(before, after) : null;

  return (
    <section className="card standard__diff" aria-labelledby="standard-compare">
      <h2 id="standard-compare">{t('standard.compare')}</h2>
      <div className="standard__diff-pick">
        {(
          [
            ['standard.from', from, setFrom],
            ['standard.to', to, setTo],
          ] as const
        ).map(([name, value, set]) => (
          <SelectField key={name} label={t(name)} value={String(value)} onChange={(event) => set(pick(event.target.value))}>
            {sides.map((side) => (
              <option key={side} value={String(side)}>
                {label(side)}
              </option>
            ))}
          </SelectField>
        ))}
      </div>
      <ApiErrorMessage error={error} />
      {!diff && !error && <Loading label={t('app.loading')} />}
      {diff?.length === 0 && <p>{t('standard.noDifference')}</p>}
      {diff?.map(({ event, rows }) => (
        <div key={event} className="standard__diff-event">
          <h3>{t(eventTitle(event))}</h3>
          <table className="standard__diff-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t('standard.item')}</span>
                  </th>
                  <th scope="col">{label(from)}</th>
                  <th scope="col">{label(to)}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.kind}:${row.name}`}>
                    <th scope="row">
                      <RowName row={row} />
                    </th>
                    <td>
                      <Texts texts={row.before} other={row.after} />
                    </td>
                    <td>
                      <Texts texts={row.after} other={row.before} />
                    </td>
                  </tr>
                ))}
              </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
