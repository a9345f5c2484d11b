import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { ok } from '../api/errors';
import { ErrorMessage } from '../components/alerts';
import { ApiErrorMessage, apiFieldError, useAction } from '../components/api-error';
import { TextField } from '../components/field';
import type { MessageKey } from '../i18n/en';
import { useI18n, useTitle } from '../i18n/i18n';
import { href, Link, navigate, useLocation } from '../router';
import { useSession } from '../session/session';
import { nextAfterSignIn } from './safe-next';
import { required } from './validation';

const FIELDS = ['email', 'password'] as const;

/** Where single sign-on starts: a plain link, as the browser must leave for the provider. */
const SSO_START = '/api/v1/auth/oidc/start';

/** The start of single sign-on, passing on the page to end on (the server checks it again). */
function ssoStart(search: URLSearchParams): string {
  const next = nextAfterSignIn(search);
  return next === href('/') ? SSO_START : `${SSO_START}?${new URLSearchParams({ next }).toString()}`;
}

/** Why a single sign-on came back without a session (`?error=`), in our words. */
const SSO_FAILURES: Record<string, MessageKey> = {
  'sso-off': 'sso.off',
  'sso-unavailable': 'sso.unavailable',
  'sso-failed': 'sso.failed',
  'email-unverified': 'sso.emailUnverified',
  'no-account': 'sso.noAccount',
  deactivated: 'sso.deactivated',
  'setup-needed': 'sso.setupNeeded',
  throttled: 'sso.throttled',
};

/**
 * Sign-in with an e-mail and a password, or with single sign-on when the server offers it (and
 * why it failed, when the provider's round trip came back with an error); tells a fresh
 * installation where its setup link is.
 */
export function LoginPage() {
  const { t } = useI18n();
  useTitle(t('login.title'));
  const { signedIn } = useSession();
  const { searchParams } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const [setupNeeded, setSetupNeeded] = useState(false);
  const [sso, setSso] = useState<{ provider: string | null } | null>(null);
  const ssoError = searchParams.get('error');

  useEffect(() => {
    api.GET('/api/v1/auth/setup').then(
      ({ data }) => setSetupNeeded(data?.needed === true),
      () => setSetupNeeded(false),
    );
    api.GET('/api/v1/auth/methods').then(
      ({ data }) => setSso(data?.singleSignOn ?? null),
      () => setSso(null),
    );
  }, []);

  const work = useCallback(async () => {
    signedIn(await ok(api.POST('/api/v1/auth/login', { body: { email: email.trim(), password } })));
    navigate(nextAfterSignIn(searchParams), { replace: true });
  }, [email, password, searchParams, signedIn]);
  const { busy, error, run } = useAction(work);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const gaps = required({ email, password });
    setMissing(gaps);
    if (Object.keys(gaps).length === 0) void run();
  };
  const fieldError = (field: (typeof FIELDS)[number]) => (missing[field] ? { text: t('field.required') } : apiFieldError(error, field));

  return (
    <section className="card card--narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {ssoError !== null && (
        <ErrorMessage>
          <p>{t(SSO_FAILURES[ssoError] ?? 'sso.failed')}</p>
        </ErrorMessage>
      )}
      {setupNeeded && <p className="message message--info">{t('login.setupNeeded')}</p>}
      {sso && (
        <>
          <a className="button sso-button" href={ssoStart(searchParams)}>
            {sso.provider ? t('login.ssoWith', { provider: sso.provider }) : t('login.sso')}
          </a>
          <p className="sso-or">{t('login.or')}</p>
        </>
      )}
      <ApiErrorMessage error={error} fields={FIELDS} own={{ 401: t('login.wrong') }} />
      <form className="form" onSubmit={submit} noValidate>
        <TextField label={t('field.email')} name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError('email')} />
        <TextField
          label={t('field.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError('password')}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
      </form>
      <p className="card__foot">
        <Link to={href('/forgot')}>{t('login.forgot')}</Link>
      </p>
    </section>
  );
}
