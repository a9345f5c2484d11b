import { type FormEvent, useCallback, useState } from 'react';
import { api } from '../api/client';
import { ok } from '../api/errors';
import { Notice } from '../components/alerts';
import { ApiErrorMessage, apiFieldError, useAction } from '../components/api-error';
import { TextField } from '../components/field';
import { useI18n, useTitle } from '../i18n/i18n';
import { href, Link } from '../router';

/** Asks for a password-reset link; the answer is the same whether or not the e-mail has an account. */
export function ForgotPage() {
  const { t } = useI18n();
  useTitle(t('forgot.title'));
  const [email, setEmail] = useState('');
  const [missing, setMissing] = useState(false);
  const [sent, setSent] = useState(false);

  const work = useCallback(async () => {
    await ok(api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } }));
    setSent(true);
  }, [email]);
  const { busy, error, run } = useAction(work);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(email.trim() === '');
    if (email.trim() !== '') void run();
  };

  return (
    <section className="card card--narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('forgot.title')}</h1>
      {sent ? (
        <Notice>{t('forgot.sent')}</Notice>
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          <ApiErrorMessage error={error} fields={['email']} />
          <form className="form" onSubmit={submit} noValidate>
            <TextField
              label={t('field.email')}
              name="email"
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={missing ? { text: t('field.required') } : apiFieldError(error, 'email')}
            />
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('forgot.submit')}
            </button>
          </form>
        </>
      )}
      <p className="card__foot">
        <Link to={href('/login')}>{t('forgot.back')}</Link>
      </p>
    </section>
  );
}
