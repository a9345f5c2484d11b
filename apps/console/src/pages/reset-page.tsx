import { type FormEvent, useCallback, useState } from 'react';
import { api } from '../api/client';
import { ok } from '../api/errors';
import { Notice } from '../components/alerts';
import { ApiErrorMessage, apiFieldError, useAction } from '../components/api-error';
import { useI18n, useTitle } from '../i18n/i18n';
import { href, Link } from '../router';
import { type NewPassword, NewPasswordFields, newPasswordProblem } from './new-password';
import { LinkProblem, useTokenLink } from './token-link';

/** Sets a new password from a reset link; every session of the person ends. */
export function ResetPage({ token }: { token: string }) {
  const { t } = useI18n();
  useTitle(t('reset.title'));
  const link = useTokenLink(() => ok(api.GET('/api/v1/auth/password-reset/{token}', { params: { path: { token } } })), token);
  const [password, setPassword] = useState<NewPassword>({ password: '', repeat: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);

  const work = useCallback(async () => {
    await ok(api.POST('/api/v1/auth/password-reset/{token}', { params: { path: { token } }, body: { password: password.password } }));
    setDone(true);
  }, [token, password]);
  const { busy, error, run } = useAction(work);

  if (link.status !== 'ready') return <LinkProblem state={link} title={t('reset.title')} gone={t('reset.gone')} />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = newPasswordProblem(password);
    setLocal(problem === 'missing' ? { password: t('field.required') } : problem === 'differs' ? { repeat: t('field.passwordsDiffer') } : {});
    if (problem === undefined) void run();
  };
  const fieldError = (field: string) => (local[field] ? { text: local[field] } : apiFieldError(error, field));

  return (
    <section className="card card--narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('reset.title')}</h1>
      {done ? (
        <>
          <Notice>{t('reset.done')}</Notice>
          <p className="card__foot">
            <Link to={href('/login')}>{t('reset.toLogin')}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t('reset.intro', { email: link.data.email })}</p>
          <ApiErrorMessage error={error} fields={['password']} own={{ 410: t('reset.gone') }} />
          <form className="form" onSubmit={submit} noValidate>
            <NewPasswordFields value={password} onChange={setPassword} error={fieldError('password')} repeatError={fieldError('repeat')} />
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('reset.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
