import { useState } from 'react';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { href, Link, navigate } from '../router';
import { useSession } from '../session/session';

/** `Olena Admin` → `OA`: what a phone's header shows of a name. */
const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0].toLocaleUpperCase())
    .join('');

/** Who is signed in, with signing out (here, or on every device) in a disclosure; on a phone the name shows as initials. */
export function PersonMenu({ me }: { me: Me }) {
  const { t } = useI18n();
  const { signOut } = useSession();
  const [failed, setFailed] = useState(false);
  const name = me.kind === 'person' ? me.displayName : me.name;
  const leave = async (everywhere: boolean) => {
    setFailed(false);
    try {
      await signOut(everywhere);
      navigate(href('/login'), { replace: true });
    } catch {
      setFailed(true);
    }
  };
  return (
    <details className="person">
      <summary className="person__summary">
        <span className="visually-hidden">{t('person.signedInAs')} </span>
        <span className="person__name">{name}</span>
        <span className="person__initials" aria-hidden="true">
          {initialsOf(name)}
        </span>
      </summary>
      <div className="person__menu">
        <p className="person__who">
          {me.kind === 'person' && <span className="person__email">{me.email}</span>}
          <span className="person__role">{t(`role.${me.role}`)}</span>
        </p>
        {me.kind === 'person' && (
          <Link to={href('/me')} className="person__link" onClick={(event) => event.currentTarget.closest('details')?.removeAttribute('open')}>
            {t('person.profile')}
          </Link>
        )}
        {failed && (
          <p className="field__error" role="alert">
            {t('person.signOutFailed')}
          </p>
        )}
        <button type="button" className="button" onClick={() => void leave(false)}>
          {t('person.signOut')}
        </button>
        {me.kind === 'person' && (
          <button type="button" className="button button--quiet" onClick={() => void leave(true)}>
            {t('person.signOutEverywhere')}
          </button>
        )}
      </div>
    </details>
  );
}
