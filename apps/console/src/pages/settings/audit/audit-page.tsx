import { useCallback, useState } from 'react';
import { api } from '../../../api/client';
import { ok } from '../../../api/errors';
import { SelectField } from '../../../components/field';
import { PagedListPage, usePagedList } from '../../../components/paged-list';
import { type Column, RowTable } from '../../../components/row-table';
import { formatMoment } from '../../../format';
import { useI18n, useTitle } from '../../../i18n/i18n';
import { AuditChanges } from './audit-changes';
import { type AuditEntry, SUBJECT_KINDS, type SubjectKind } from './audit-entry';
import './audit.css';

const PAGE_SIZE = 30;

/** The configuration audit: every change to a setting, newest first, filtered by what was changed. */
export function AuditPage() {
  const { t } = useI18n();
  useTitle(t('audit.title'));
  const [kind, setKind] = useState<SubjectKind | ''>('');
  const fetchPage = useCallback(
    (cursor?: string) => ok(api.GET('/api/v1/audit', { params: { query: { subjectKind: kind || undefined, limit: PAGE_SIZE, cursor } } })),
    [kind],
  );
  // No live event announces a configuration change: Refresh reads the list again.
  const list = usePagedList(fetchPage, () => false);
  return (
    <PagedListPage
      name="audit"
      title={t('audit.title')}
      texts={{ refresh: t('audit.refresh'), empty: t('audit.empty'), more: t('audit.more') }}
      list={list}
      controls={
        <>
          <p className="muted">{t('audit.intro')}</p>
          <div className="audit__filters">
            <SelectField label={t('audit.kindFilter')} name="subjectKind" value={kind} onChange={(e) => setKind(e.target.value as SubjectKind | '')}>
              <option value="">{t('audit.anyKind')}</option>
              {SUBJECT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`audit.kind.${k}`)}
                </option>
              ))}
            </SelectField>
          </div>
        </>
      }
      table={(items) => <AuditTable items={items} />}
    />
  );
}

/** The entries: when, who, what, the change, and the fields it changed (each opening to its before and after). */
function AuditTable({ items }: { items: AuditEntry[] }) {
  const { t, locale } = useI18n();
  const columns: [Column<AuditEntry>, ...Column<AuditEntry>[]] = [
    { label: t('audit.when'), cell: (entry) => <time dateTime={entry.occurredAt}>{formatMoment(entry.occurredAt, locale)}</time> },
    {
      label: t('audit.who'),
      cell: (entry) => (
        <span className="audit__cell">
          {entry.actor.label} <span className="muted">({t(`audit.actor.${entry.actor.kind}`)})</span>
        </span>
      ),
    },
    {
      label: t('audit.what'),
      cell: (entry) => (
        <span className="audit__cell">
          <span className="muted">{t(`audit.kind.${entry.subject.kind}`)}:</span> {entry.subject.label}
          <br />
          <code className="audit__id">{entry.subject.id}</code>
        </span>
      ),
    },
    { label: t('audit.action'), cell: (entry) => <span className={`audit__action audit__action--${entry.action}`}>{t(`audit.do.${entry.action}`)}</span> },
    { label: t('audit.fields'), cell: (entry) => <AuditChanges changes={entry.changes} /> },
  ];
  return <RowTable caption={t('audit.caption')} className="audit" columns={columns} items={items} />;
}
