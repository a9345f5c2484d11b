import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, ok } from '../../api/errors';
import type { Invitation, Role, User } from '../../api/types';
import { Loading, Notice } from '../../components/alerts';
import { ApiErrorMessage, useAction } from '../../components/api-error';
import { CopyLink } from '../../components/copy-link';
import { formatMoment } from '../../format';
import { useI18n, useTitle } from '../../i18n/i18n';
import { InviteForm } from './invite-form';
import { PersonRow } from './person-row';

/** The link just made for someone, to hand to them. */
interface FreshLink extends Invitation {
  name: string;
}

/** People admin: everyone with their role and status; invite, change a role, deactivate, renew a link. */
export function PeoplePage() {
  const { t, locale } = useI18n();
  useTitle(t('people.title'));
  const [people, setPeople] = useState<User[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [link, setLink] = useState<FreshLink | null>(null);

  const reload = useCallback(async () => {
    try {
      setPeople(await ok(api.GET('/api/v1/users')));
    } catch (error) {
      setLoadError(error instanceof ApiError ? error : new ApiError(0, String(error)));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const replace = (user: User) => setPeople((current) => current?.map((other) => (other.id === user.id ? user : other)) ?? null);
  const change = useCallback(
    async (user: User, what: { role: Role } | 'deactivate' | 'newLink') => {
      if (what === 'deactivate') {
        await ok(api.DELETE('/api/v1/users/{id}', { params: { path: { id: user.id } } }));
        await reload();
      } else if (what === 'newLink') {
        setLink({ name: user.displayName, ...(await ok(api.POST('/api/v1/users/{id}/invitation', { params: { path: { id: user.id } } }))) });
      } else {
        replace(await ok(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: what })));
      }
    },
    [reload],
  );
  const { busy, error, run } = useAction(change);

  const invited = useCallback(
    (user: User, fresh: Invitation) => {
      setLink({ name: user.displayName, ...fresh });
      void reload();
    },
    [reload],
  );

  return (
    <section className="page" aria-labelledby="people-title">
      <div className="page__head">
        <h1 id="people-title">{t('people.title')}</h1>
      </div>
      <div className="people__layout">
        <div className="card">
          <InviteForm onInvited={invited} />
          {link && (
            <div className="invite-link">
              <Notice>{link.emailed ? t('people.linkEmailed', { name: link.name }) : t('people.linkMade', { name: link.name })}</Notice>
              <CopyLink label={t('people.linkLabel')} url={link.inviteUrl} />
              <p className="muted">{t('people.linkExpires', { at: formatMoment(link.expiresAt, locale) })}</p>
            </div>
          )}
        </div>
        <div className="people__list">
          <ApiErrorMessage error={error ?? loadError} own={{ 409: t('people.lastAdmin') }} />
          {people === null && !loadError && <Loading label={t('app.loading')} />}
          {people && (
            <table className="people">
              <caption className="visually-hidden">{t('people.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('people.person')}</th>
                  <th scope="col">{t('people.role')}</th>
                  <th scope="col">{t('people.status')}</th>
                  <th scope="col">{t('people.lastSignIn')}</th>
                  <th scope="col">{t('people.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((user) => (
                  <PersonRow
                    key={user.id}
                    user={user}
                    busy={busy}
                    onRole={(role) => void run(user, { role })}
                    onDeactivate={() => void run(user, 'deactivate')}
                    onNewLink={() => void run(user, 'newLink')}
                  />
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}
