import type { Me } from '../../api/types';
import { Fact } from '../../components/facts';
import { useI18n, useTitle } from '../../i18n/i18n';
import { SlackLink } from './slack-link';
import './me.css';

type PersonMe = Extract<Me, { kind: 'person' }>;

/** The signed-in person's own page: who they are here, and their Slack user. */
export function MePage({ me }: { me: PersonMe }) {
  const { t } = useI18n();
  useTitle(t('me.title'));
  return (
    <section className="page me" aria-labelledby="me-title">
      <div className="page__head">
        <h1 id="me-title">{t('me.title')}</h1>
      </div>
      <div className="me__layout">
        <dl className="facts card">
          <Fact term={t('field.displayName')}>{me.displayName}</Fact>
          <Fact term={t('field.email')}>{me.email}</Fact>
          <Fact term={t('people.role')}>{t(`role.${me.role}`)}</Fact>
        </dl>
        <SlackLink me={me} />
      </div>
    </section>
  );
}
