import type { ReactNode } from 'react';
import type { IncidentDetail } from '../../api/types';
import { Fact } from '../../components/facts';
import { useI18n } from '../../i18n/i18n';
import { href, Link } from '../../router';

/** What the customer said and scored, and how to reach them, as the caller may see it; `reveal` offers the contact in the clear. */
export function CustomerFacts({ incident, reveal }: { incident: IncidentDetail; reveal?: ReactNode }) {
  const { t } = useI18n();
  const none = <span className="muted">{t('incident.none')}</span>;
  const { contact } = incident;
  return (
    <>
      {incident.text ? <blockquote className="words">{incident.text}</blockquote> : <p className="muted">{t('incident.noWords')}</p>}
      <dl className="facts">
        <Fact term={t('incident.score')}>{incident.score === null ? none : `${incident.score}${incident.metric ? ` (${incident.metric.toUpperCase()})` : ''}`}</Fact>
        <Fact term={t('incident.reasonCode')}>{incident.reasonCode ?? none}</Fact>
        <Fact term={t('incident.phone')}>{contact.phone ?? none}</Fact>
        <Fact term={t('incident.email')}>{contact.email ?? none}</Fact>
      </dl>
      {contact.masked && (reveal ?? <p className="muted">{t('incident.masked')}</p>)}
      {incident.contactUnavailable && (
        <p className="muted">
          {t('incident.contactUnavailable')} <span lang="en">({incident.contactUnavailable})</span>
        </p>
      )}
    </>
  );
}

/** Where the contact happened: channel, language, agent, point of service, service type, problem. */
export function ContactFacts({ incident }: { incident: IncidentDetail }) {
  const { t } = useI18n();
  const none = <span className="muted">{t('incident.none')}</span>;
  const { attributes } = incident;
  return (
    <dl className="facts">
      <Fact term={t('incident.channel')}>{attributes.channel}</Fact>
      <Fact term={t('incident.locale')}>{attributes.locale}</Fact>
      <Fact term={t('incident.agent')}>{attributes.agent ?? none}</Fact>
      <Fact term={t('incident.pointOfService')}>{attributes.pointOfService ?? none}</Fact>
      <Fact term={t('incident.serviceType')}>{attributes.serviceType ?? none}</Fact>
      <Fact term={t('incident.problem')}>
        {incident.problemId === null || incident.problemNumber === null ? none : <Link to={href(`/problems/${incident.problemId}`)}>{`PRB-${incident.problemNumber}`}</Link>}
      </Fact>
    </dl>
  );
}

/** What the service standard says to do now, and the phrases to say it with. */
export function NextSteps({ steps }: { steps: IncidentDetail['nextSteps'] }) {
  const { t } = useI18n();
  if (steps.tasks.length === 0 && steps.actions.length === 0) return <p className="muted">{t('incident.noSteps')}</p>;
  // The tasks come in the reader's language, the phrases in the customer's: either may not be the console's.
  return (
    <>
      {steps.tasks.length > 0 && (
        <>
          <h3 className="steps__title">{t('incident.whatToDo')}</h3>
          <ol className="steps" lang={steps.tasksLocale}>
            {steps.tasks.map((task, index) => (
              <li key={index}>{task}</li>
            ))}
          </ol>
        </>
      )}
      {steps.actions.length > 0 && <h3 className="steps__title">{t('incident.whatToSay')}</h3>}
      {steps.actions.map((action, index) => (
        <div key={index} className="phrases">
          <p className="phrases__action">
            <code>{action.action}</code>
          </p>
          <ul lang={steps.locale}>
            {action.phrases.map((phrase, k) => (
              <li key={k}>{phrase}</li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}
