import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { ok } from '../api/errors';
import { ApiErrorMessage, apiFieldError, useAction } from '../components/api-error';
import { TextField } from '../components/field';
import { useI18n, useTitle } from '../i18n/i18n';
import { href, Link, navigate, useLocation } from '../router';
import { useSession } from '../session/session';
import { nextAfterSignIn } from './safe-next';
import { required } from './validation';

const FIELDS = ['email', 'password'] as const;

/** Sign-in with an e-mail and a password; tells a fresh installation where its setup link is. */
export function LoginPage() {
  const { t } = useI18n();
  useTitle(t('login.title'));
  const { signedIn } = useSession();
  const { searchParams } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const [setupNeeded, setSetupNeeded] = useState(false);

  useEffect(() => {
    api.GET('/api/v1/auth/setup').then(
      ({ data }) => setSetupNeeded(data?.needed === true),
      () => setSetupNeeded(false),
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
      {setupNeeded && <p className="message message--info">{t('login.setupNeeded')}</p>}
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
