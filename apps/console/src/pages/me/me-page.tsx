import type { Me } from '../../api/types';
import { Fact } from '../../components/facts';
import { PageSection } from '../../components/page-section';
import { useI18n, useTitle } from '../../i18n/i18n';
import { SlackLink } from './slack-link';
import './me.css';

type PersonMe = Extract<Me, { kind: 'person' }>;

/** The signed-in person's own page: who they are here, and their Slack user. */
export function MePage({ me }: { me: PersonMe }) {
  const { t } = useI18n();
  useTitle(t('me.title'));
  return (
    <PageSection id="me-title" title={t('me.title')} className="me">
      <div className="me__layout">
        <dl className="facts card">
          <Fact term={t('field.displayName')}>{me.displayName}</Fact>
          <Fact term={t('field.email')}>{me.email}</Fact>
          <Fact term={t('people.role')}>{t(`role.${me.role}`)}</Fact>
        </dl>
        <SlackLink me={me} />
      </div>
    </PageSection>
  );
}
