import { useI18n } from '../../../i18n/i18n';
import type { AuditEntry } from './audit-entry';

/** A value as the entry holds it: text as it is, anything else as indented JSON. */
function Value({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === null || value === undefined) return <span className="muted">{t('audit.none')}</span>;
  if (typeof value === 'string') return <span className="audit__text">{value}</span>;
  return <pre className="audit__json">{JSON.stringify(value, null, 2)}</pre>;
}

/** The fields a change touched, folded: each opens to its value before and after. */
export function AuditChanges({ changes }: { changes: AuditEntry['changes'] }) {
  const { t } = useI18n();
  const fields = Object.entries(changes);
  if (fields.length === 0) return <span className="muted">{t('audit.noFields')}</span>;
  return (
    <details className="audit__changes">
      <summary>{t('audit.fieldsChanged', { count: fields.length })}</summary>
      <dl>
        {fields.map(([field, { before, after }]) => (
          <div key={field} className="audit__field">
            <dt>
              <code>{field}</code>
            </dt>
            <dd>
              <span className="audit__label">{t('audit.before')}</span> <Value value={before} />
            </dd>
            <dd>
              <span className="audit__label">{t('audit.after')}</span> <Value value={after} />
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
