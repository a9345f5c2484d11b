import { type FormEvent, useCallback, useState } from 'react';
import { api } from '../api/client';
import { ok } from '../api/errors';
import { ApiErrorMessage, apiFieldError, useAction } from '../components/api-error';
import { TextField } from '../components/field';
import { formatMoment } from '../format';
import { useI18n, useTitle } from '../i18n/i18n';
import { href, navigate } from '../router';
import { useSession } from '../session/session';
import { type NewPassword, NewPasswordFields, newPasswordProblem } from './new-password';
import { LinkProblem, useTokenLink } from './token-link';

const FIELDS = ['displayName', 'password'] as const;

/** An invited person accepts: sets a password (and may correct their name), and is signed in. */
export function InvitePage({ token }: { token: string }) {
  const { t, locale } = useI18n();
  useTitle(t('invite.title'));
  const { signedIn } = useSession();
  const link = useTokenLink(() => ok(api.GET('/api/v1/auth/invitations/{token}', { params: { path: { token } } })), token);
  const [displayName, setDisplayName] = useState<string | undefined>();
  const [password, setPassword] = useState<NewPassword>({ password: '', repeat: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const name = displayName ?? (link.status === 'ready' ? link.data.displayName : '');

  // The person's e-mails will speak the language they accepted in.
  const work = useCallback(async () => {
    signedIn(await ok(api.POST('/api/v1/auth/invitations/{token}', { params: { path: { token } }, body: { password: password.password, displayName: name.trim(), locale } })));
    navigate(href('/'), { replace: true });
  }, [token, password, name, locale, signedIn]);
  const { busy, error, run } = useAction(work);

  if (link.status !== 'ready') return <LinkProblem state={link} title={t('invite.title')} gone={t('invite.gone')} />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (name.trim() === '') problems.displayName = t('field.required');
    const passwordProblem = newPasswordProblem(password);
    if (passwordProblem === 'missing') problems.password = t('field.required');
    if (passwordProblem === 'differs') problems.repeat = t('field.passwordsDiffer');
    setLocal(problems);
    if (Object.keys(problems).length === 0) void run();
  };
  const fieldError = (field: string) => (local[field] ? { text: local[field] } : apiFieldError(error, field));

  return (
    <section className="card card--narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t('invite.title')}</h1>
      <p>{t('invite.intro', { email: link.data.email, role: t(`role.${link.data.role}`) })}</p>
      <p className="muted">{t('invite.expires', { at: formatMoment(link.data.expiresAt, locale) })}</p>
      <ApiErrorMessage error={error} fields={FIELDS} own={{ 410: t('invite.gone') }} />
      <form className="form" onSubmit={submit} noValidate>
        <TextField label={t('field.displayName')} name="displayName" autoComplete="name" value={name} onChange={(e) => setDisplayName(e.target.value)} error={fieldError('displayName')} />
        <NewPasswordFields value={password} onChange={setPassword} error={fieldError('password')} repeatError={fieldError('repeat')} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('invite.submit')}
        </button>
      </form>
    </section>
  );
}
