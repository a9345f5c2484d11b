import { useCallback, useState } from 'react';
import { api } from '../../../api/client';
import { ok } from '../../../api/errors';
import { Loading, Notice } from '../../../components/alerts';
import { ApiErrorMessage } from '../../../components/api-error';
import { RowTable } from '../../../components/row-table';
import { PageSection } from '../../../components/page-section';
import { useI18n, useTitle } from '../../../i18n/i18n';
import { href, Link } from '../../../router';
import { PointForm } from './point-form';
import type { Point, PointInput } from './point-types';
import { usePoints } from './use-point-data';

/** Every point of service, and a form for a new one. */
export function PointsListPage() {
  const { t } = useI18n();
  useTitle(t('points.title'));
  const points = usePoints();
  const [created, setCreated] = useState<Point | null>(null);
  const { reload } = points;
  const create = useCallback(
    async (input: PointInput) => {
      const point = await ok(api.POST('/api/v1/points', { body: input }));
      await reload();
      setCreated(point);
    },
    [reload],
  );

  return (
    <PageSection id="points-title" title={t('points.title')}>
      <div className="points__layout">
        <div className="points__list">
          <ApiErrorMessage error={points.error} />
          {points.value === null && !points.error && <Loading label={t('app.loading')} />}
          {points.value?.length === 0 && <p className="empty">{t('points.empty')}</p>}
          {points.value && points.value.length > 0 && (
            <RowTable
              caption={t('points.caption')}
              items={points.value}
              columns={[
                { label: t('points.field.name'), cell: (point) => <Link to={href(`/settings/points/${point.id}`)}>{point.name}</Link> },
                { label: t('points.field.code'), cell: (point) => <code>{point.code}</code> },
                { label: t('points.field.address'), cell: (point) => point.address ?? '' },
                {
                  label: t('points.actions'),
                  cell: (point) => (
                    <span className="points__actions">
                      <Link to={href(`/settings/points/${point.id}/sheet?size=a4`)} aria-label={`${t('points.sheetA4')}: ${point.name}`}>
                        {t('points.sheetA4')}
                      </Link>
                      <Link to={href(`/settings/points/${point.id}/sheet?size=a6`)} aria-label={`${t('points.sheetA6')}: ${point.name}`}>
                        {t('points.sheetA6')}
                      </Link>
                    </span>
                  ),
                },
              ]}
            />
          )}
        </div>
        <div className="card">
          <h2>{t('points.new')}</h2>
          {created && (
            <Notice>
              {t('points.created', { name: created.name })} <Link to={href(`/settings/points/${created.id}`)}>{t('points.codes')}</Link>
            </Notice>
          )}
          <PointForm onSave={create} submitLabel={t('points.create')} />
        </div>
      </div>
    </PageSection>
  );
}
