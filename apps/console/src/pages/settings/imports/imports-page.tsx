import { useI18n, useTitle } from '../../../i18n/i18n';
import { ImportCard } from './import-card';
import { PageSection } from '../../../components/page-section';
import './imports.css';

/** Imports: contacts (each decided as the API decides a reported contact) and answers collected elsewhere, from CSV. */
export function ImportsPage() {
  const { t } = useI18n();
  useTitle(t('imports.title'));
  return (
    <PageSection id="imports-title" title={t('imports.title')}>
      <div className="imports">
        <ImportCard kind="contacts" />
        <ImportCard kind="responses" />
      </div>
    </PageSection>
  );
}
