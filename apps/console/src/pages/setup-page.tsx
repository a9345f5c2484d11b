import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { ok } from '../api/errors';
import { Loading } from '../components/alerts';
import { ApiErrorMessage, apiFieldError, useAction } from '../components/api-error';
import { TextField } from '../components/field';
import { useI18n, useTitle } from '../i18n/i18n';
import { href, Link, navigate } from '../router';
import { useSession } from '../session/session';
import { type NewPassword, NewPasswordFields, newPasswordProblem } from './new-password';
import { required } from './validation';

const FIELDS = ['email', 'displayName', 'password'] as const;

/** The first admin, created from the one-time link the server wrote at its first start. */
export function SetupPage({ token }: { token: string }) {
  const { t, locale } = useI18n();
  useTitle(t('setup.title'));
  const { signedIn } = useSession();
  const [needed, setNeeded] = useState<boolean | undefined>();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState<NewPassword>({ password: '', repeat: '' });
  const [local, setLocal] = useState<Record<string, string>>({});

  useEffect(() => {
    api.GET('/api/v1/auth/setup').then(
      ({ data }) => setNeeded(data?.needed !== false),
      () => setNeeded(true),
    );
  }, []);

  // The person's e-mails will speak the language they set up the console in.
  const work = useCallback(async () => {
    signedIn(await ok(api.POST('/api/v1/auth/setup', { body: { token, email: email.trim(), displayName: displayName.trim(), password: password.password, locale } })));
    navigate(href('/'), { replace: true });
  }, [token, email, displayName, password, locale, signedIn]);
  const { busy, error, run } = useAction(work);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    for (const field of Object.keys(required({ email, displayName }))) problems[field] = t('field.required');
    const passwordProblem = newPasswordProblem(password);
    if (passwordProblem === 'missing') problems.password = t('field.required');
    if (passwordProblem === 'differs') problems.repeat = t('field.passwordsDiffer');
    setLocal(problems);
    if (Object.keys(problems).length === 0) void run();
  };
  const fieldError = (field: string) => (local[field] ? { text: local[field] } : apiFieldError(error, field));

  if (needed === undefined) return <Loading label={t('app.loading')} />;
  if (!needed) {
    return (
      <section className="card card--narrow" aria-labelledby="setup-title">
        <h1 id="setup-title">{t('setup.title')}</h1>
        <p>{t('setup.done')}</p>
        <p>
          <Link to={href('/login')}>{t('setup.toLogin')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card card--narrow" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <ApiErrorMessage error={error} fields={FIELDS} own={{ 403: t('setup.badLink') }} />
      <form className="form" onSubmit={submit} noValidate>
        <TextField label={t('field.email')} name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError('email')} />
        <TextField label={t('field.displayName')} name="displayName" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={fieldError('displayName')} />
        <NewPasswordFields value={password} onChange={setPassword} error={fieldError('password')} repeatError={fieldError('repeat')} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </section>
  );
}
