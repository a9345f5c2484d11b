import { type FormEvent, Fragment, useId, useState } from 'react';
import { ApiError } from '../../../api/errors';
import { ErrorMessage, Notice } from '../../../components/alerts';
import { ApiErrorMessage } from '../../../components/api-error';
import { useI18n } from '../../../i18n/i18n';
import { RefusedLines } from './refused-lines';
import { UploadProgress } from './upload-progress';
import { type ImportKind, type ImportOutcome, type ResumePoint, useCsvImport } from './use-csv-import';

/** The header each import expects (the API documents every column). */
const HEADERS: Record<ImportKind, string> = {
  contacts: 'externalId,channel,address,name,locale,phone,email,agent,serviceType,pointOfService,occurredAt',
  responses: 'responded_at,customer_id,channel,locale,agent,service_type,point_of_service,metric,score',
};

/** A header that may wrap after its commas (a narrow screen), never inside a column's name. */
function withBreaks(header: string) {
  return header.split(',').map((column, i) => (
    <Fragment key={column}>
      {i > 0 && ','}
      {i > 0 && <wbr />}
      {column}
    </Fragment>
  ));
}

/** What an import did, in numbers, with the lines it refused. */
function Outcome({ kind, outcome }: { kind: ImportKind; outcome: ImportOutcome }) {
  const { t, locale } = useI18n();
  const n = (value: number) => new Intl.NumberFormat(locale).format(value);
  const { decisions } = outcome;
  return (
    <>
      <Notice>
        <p>
          {kind === 'contacts' ? t('imports.contacts.accepted', { count: n(outcome.accepted) }) : t('imports.responses.accepted', { count: n(outcome.accepted) })}
          {decisions && ` ${t('imports.decisions', { invited: n(decisions.invited), scheduled: n(decisions.scheduled), skipped: n(decisions.skipped) })}`}
        </p>
        <p>{t('imports.refusedCount', { count: n(outcome.rejectedCount) })}</p>
      </Notice>
      <RefusedLines outcome={outcome} caption={t('imports.refusedLines')} />
    </>
  );
}

/** A stopped import: what is stored, the lines refused up to there, and where to go on. */
function Stopped({ point, onResume }: { point: ResumePoint; onResume: () => void }) {
  const { t, locale } = useI18n();
  const n = (value: number) => new Intl.NumberFormat(locale).format(value);
  return (
    <>
      <p>{t('imports.stoppedAfter', { line: n(point.throughLine), count: n(point.stored.accepted) })}</p>
      <RefusedLines outcome={point.stored} caption={t('imports.refusedLines')} />
      <button type="button" className="button button--primary" onClick={onResume}>
        {t('imports.resume', { line: n(point.throughLine + 1) })}
      </button>
    </>
  );
}

/** One import: choose a CSV, send it with its progress, and read what came of it. */
export function ImportCard({ kind }: { kind: ImportKind }) {
  const { t } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const { state, start, resume, reset } = useCsvImport(kind);
  const uploading = state.phase === 'uploading';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) void start(file);
  };
  // Contacts are idempotent on externalId, so the whole file may go again; answers only when none were stored.
  const mayResend = state.phase === 'failed' && !state.resume && (kind === 'contacts' || state.status !== 0);
  return (
    <section className="card import" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(`imports.${kind}.title`)}</h2>
      <p className="muted">{t(`imports.${kind}.intro`)}</p>
      <p className="import__header">
        {t('imports.header')} <code>{withBreaks(HEADERS[kind])}</code>
      </p>
      <form className="form import__form" onSubmit={submit}>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-file`}>
            {t('imports.file')}
          </label>
          <input
            id={`${id}-file`}
            className="control"
            type="file"
            accept=".csv,text/csv"
            disabled={uploading}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              reset();
            }}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={!file || uploading}>
          {t('imports.upload')}
        </button>
      </form>
      {state.phase === 'uploading' && <UploadProgress sent={state.sent} total={state.total} />}
      {state.phase === 'done' && <Outcome kind={kind} outcome={state.outcome} />}
      {state.phase === 'failed' && (
        <>
          {state.status === 0 ? (
            <ErrorMessage>
              <p>{t(kind === 'responses' ? 'imports.responses.lost' : 'error.network')}</p>
            </ErrorMessage>
          ) : (
            <ApiErrorMessage error={new ApiError(state.status, state.message)} own={{ 413: t(`imports.${kind}.tooLarge`), 503: t('imports.stopped') }} />
          )}
          {state.resume && file && <Stopped point={state.resume} onResume={() => void resume(file, state.resume!)} />}
          {mayResend && file && (
            <button type="button" className="button" onClick={() => void start(file)}>
              {t('imports.again')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
