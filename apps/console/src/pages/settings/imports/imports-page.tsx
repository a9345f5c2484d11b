import { useI18n, useTitle } from '../../../i18n/i18n';
import { ImportCard } from './import-card';
import './imports.css';

/** Imports: contacts (each decided as the API decides a reported contact) and answers collected elsewhere, from CSV. */
export function ImportsPage() {
  const { t } = useI18n();
  useTitle(t('imports.title'));
  return (
    <section className="page" aria-labelledby="imports-title">
      <div className="page__head">
        <h1 id="imports-title">{t('imports.title')}</h1>
      </div>
      <div className="imports">
        <ImportCard kind="contacts" />
        <ImportCard kind="responses" />
      </div>
    </section>
  );
}
