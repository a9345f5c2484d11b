import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ok } from '../../api/errors';
import type { Me, SlackLinkCode } from '../../api/types';
import { Notice } from '../../components/alerts';
import { ApiErrorMessage, useAction } from '../../components/api-error';
import { CopyLink } from '../../components/copy-link';
import { useNow } from '../../components/use-now';
import { formatMoment } from '../../format';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { useSession } from '../../session/session';

type PersonMe = Extract<Me, { kind: 'person' }>;

// While a code waits to be typed in Slack, the page asks now and then whether it was.
const CHECK_EVERY_MS = 3_000;

/**
 * Whether the person's Slack user is linked; a one-time code to type in Slack links it (the page
 * notices when it was typed), and unlinking is one button.
 */
export function SlackLink({ me }: { me: PersonMe }) {
  const { t, locale } = useI18n();
  const { signedIn } = useSession();
  const [code, setCode] = useState<SlackLinkCode | null>(null);
  // What just happened, kept as a message key so a language switch translates it too.
  const [news, setNews] = useState<{ key: MessageKey; id?: string } | null>(null);
  const now = useNow(CHECK_EVERY_MS);
  const expired = code !== null && Date.parse(code.expiresAt) <= now;

  const work = useCallback(
    async (what: 'code' | 'unlink') => {
      setNews(null);
      if (what === 'code') {
        setCode(await ok(api.POST('/api/v1/me/slack-link')));
        return;
      }
      await ok(api.DELETE('/api/v1/me/slack'));
      setCode(null);
      signedIn(await ok(api.GET('/api/v1/me')));
      setNews({ key: 'me.unlinked' });
    },
    [signedIn],
  );
  const { busy, error, run } = useAction(work);

  // The code is typed in Slack, not here: while it works, the page reads who it is linked to.
  useEffect(() => {
    if (code === null || expired) return;
    const timer = window.setInterval(() => {
      void ok(api.GET('/api/v1/me'))
        .then((fresh) => {
          if (fresh.kind !== 'person' || fresh.slackUserId === null || fresh.slackUserId === me.slackUserId) return;
          setCode(null);
          setNews({ key: 'me.linkedNow', id: fresh.slackUserId });
          signedIn(fresh);
        })
        .catch(() => undefined); // a missed check is retried at the next tick
    }, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [code, expired, me.slackUserId, signedIn]);

  return (
    <section className="card me__slack" aria-labelledby="slack-title">
      <h2 id="slack-title">{t('me.slack')}</h2>
      <p className="muted">{t('me.slackWhy')}</p>
      {news && <Notice>{t(news.key, { id: news.id ?? '' })}</Notice>}
      <p className="me__slack-state">{me.slackUserId === null ? t('me.slackNotLinked') : t('me.slackLinked', { id: me.slackUserId })}</p>
      <ApiErrorMessage error={error} />
      {code && !expired && (
        <div className="me__code">
          <CopyLink label={t('me.codeLabel')} url={code.command} />
          <p className="muted">{t('me.codeExpires', { at: formatMoment(code.expiresAt, locale) })}</p>
        </div>
      )}
      {expired && <p className="message message--info">{t('me.codeExpired')}</p>}
      <div className="actions__buttons">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void run('code')}>
          {code ? t('me.newCode') : me.slackUserId === null ? t('me.getCode') : t('me.getCodeAnother')}
        </button>
        {me.slackUserId !== null && (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void run('unlink')}>
            {t('me.unlink')}
          </button>
        )}
      </div>
      <p className="muted me__auto">{t('me.slackAuto', { email: me.email })}</p>
    </section>
  );
}
