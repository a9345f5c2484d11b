import { useCallback, useState } from 'react';
import { api } from '../../../api/client';
import { ok } from '../../../api/errors';
import { Loading, Notice } from '../../../components/alerts';
import { ApiErrorMessage, useAction } from '../../../components/api-error';
import { useI18n, useTitle } from '../../../i18n/i18n';
import { href, Link, navigate } from '../../../router';
import { PointCodes } from './point-codes';
import { PointForm } from './point-form';
import type { PointInput } from './point-types';
import { usePoint, usePointLinks } from './use-point-data';

/** One point: its fields to change, its QR codes, its printable sheets, and removing it. */
export function PointEditPage({ id }: { id: string }) {
  const { t } = useI18n();
  const point = usePoint(id);
  const links = usePointLinks(id);
  const [saved, setSaved] = useState(false);
  useTitle(point.value?.name ?? t('points.title'));

  const { set } = point;
  const { reload: reloadLinks } = links;
  const save = useCallback(
    async (input: PointInput) => {
      setSaved(false);
      set(await ok(api.PATCH('/api/v1/points/{id}', { params: { path: { id } }, body: input })));
      setSaved(true);
      await reloadLinks(); // a new code is a new link
    },
    [id, set, reloadLinks],
  );

  return (
    <section className="page" aria-labelledby="point-title">
      <p className="back">
        <Link to={href('/settings/points')}>← {t('points.back')}</Link>
      </p>
      <div className="page__head">
        <h1 id="point-title">{point.value?.name ?? t('points.title')}</h1>
      </div>
      <ApiErrorMessage error={point.error} own={{ 404: t('points.notFound') }} />
      {point.value === null && !point.error && <Loading label={t('app.loading')} />}
      {point.value && (
        <div className="points__layout">
          <div className="card">
            <h2>{t('points.edit')}</h2>
            {saved && <Notice>{t('points.saved')}</Notice>}
            <PointForm point={point.value} onSave={save} submitLabel={t('points.save')} />
            <RemovePoint id={id} name={point.value.name} />
          </div>
          <div className="card">
            <h2>{t('points.codes')}</h2>
            <p className="muted">{t('points.codesHint')}</p>
            <p className="points__sheets">
              <Link className="button" to={href(`/settings/points/${id}/sheet?size=a4`)}>
                {t('points.sheetA4')}
              </Link>
              <Link className="button" to={href(`/settings/points/${id}/sheet?size=a6`)}>
                {t('points.sheetA6')}
              </Link>
            </p>
            <ApiErrorMessage error={links.error} />
            {links.value && <PointCodes pointId={id} links={links.value} />}
          </div>
        </div>
      )}
    </section>
  );
}

/** Removes the point after a second, explicit press. */
function RemovePoint({ id, name }: { id: string; name: string }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const remove = useCallback(async () => {
    await ok(api.DELETE('/api/v1/points/{id}', { params: { path: { id } } }));
    navigate(href('/settings/points'));
  }, [id]);
  const { busy, error, run } = useAction(remove);
  return (
    <div className="points__remove">
      <ApiErrorMessage error={error} own={{ 404: t('points.notFound') }} />
      {confirming ? (
        <>
          <p className="muted">{t('points.removeHint')}</p>
          <div className="points__actions">
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void run()}>
              {t('points.confirmRemove', { name })}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('actions.cancel')}
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          {t('points.remove')}
        </button>
      )}
    </div>
  );
}
