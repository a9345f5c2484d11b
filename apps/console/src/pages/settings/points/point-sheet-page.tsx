import { LOCALE_NAMES, LOCALES, type Locale, useI18n, useTitle } from '../../../i18n/i18n';
import { Loading } from '../../../components/alerts';
import { ApiErrorMessage } from '../../../components/api-error';
import { SelectField } from '../../../components/field';
import { href, Link, navigate, useLocation } from '../../../router';
import { MissingReason } from './point-codes';
import { type Point, type PointLink, qrImageUrl } from './point-types';
import { SHEET_TEXTS } from './sheet-texts';
import { usePoint, usePointLinks } from './use-point-data';

/** The sheet's paper: A4, or A6 for a table tent. */
type Size = 'a4' | 'a6';

const sizeOf = (value: string | null): Size => (value === 'a6' ? 'a6' : 'a4');
const languageOf = (value: string | null, fallback: Locale): Locale => (LOCALES as readonly (string | null)[]).includes(value) ? (value as Locale) : fallback;

/**
 * A point's printable sheet (`?size=a4|a6&lang=uk|ru|en`): its name, the QR codes that work, and
 * an invitation in the chosen language; only the sheet prints, on a page of its size.
 */
export function PointSheetPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { pathname, searchParams } = useLocation();
  const size = sizeOf(searchParams.get('size'));
  const language = languageOf(searchParams.get('lang'), locale);
  const point = usePoint(id);
  const links = usePointLinks(id);
  useTitle(`${t('points.sheet')}: ${point.value?.name ?? ''}`);
  const choose = (change: Record<string, string>) => navigate(`${pathname}?${new URLSearchParams({ size, lang: language, ...change }).toString()}`, { replace: true });
  const missing = links.value?.filter((link) => !link.url) ?? [];

  return (
    <section className="page" aria-labelledby="sheet-title">
      <div className="sheet-controls">
        <p className="back">
          <Link to={href(`/settings/points/${id}`)}>← {point.value?.name ?? t('points.back')}</Link>
        </p>
        <h1 id="sheet-title">{t('points.sheet')}</h1>
        <div className="sheet-controls__row">
          <SelectField label={t('points.sheetSize')} name="size" value={size} onChange={(e) => choose({ size: e.target.value })}>
            <option value="a4">{t('points.sheetA4')}</option>
            <option value="a6">{t('points.sheetA6')}</option>
          </SelectField>
          <SelectField label={t('points.sheetLanguage')} name="lang" value={language} onChange={(e) => choose({ lang: e.target.value })}>
            {LOCALES.map((option) => (
              <option key={option} value={option} lang={option}>
                {LOCALE_NAMES[option]}
              </option>
            ))}
          </SelectField>
          <button type="button" className="button button--primary" onClick={() => window.print()} disabled={!point.value || !links.value}>
            {t('points.print')}
          </button>
        </div>
        <ApiErrorMessage error={point.error ?? links.error} own={{ 404: t('points.notFound') }} />
        {missing.length > 0 && (
          <div className="message message--info">
            <h2 className="sheet-controls__subhead">{t('points.sheetLeftOut')}</h2>
            {missing.map((link) => (
              <MissingReason key={link.target} link={link} />
            ))}
          </div>
        )}
        {links.value && missing.length === links.value.length && <p className="message message--info">{t('points.sheetNothing')}</p>}
      </div>
      {(!point.value || !links.value) && !point.error && !links.error && <Loading label={t('app.loading')} />}
      {point.value && links.value && (
        <div className="sheet-preview" role="region" aria-label={t('points.sheetPreview')}>
          <Sheet point={point.value} links={links.value.filter((link) => link.url)} size={size} language={language} />
        </div>
      )}
    </section>
  );
}

/** The sheet itself, in the customer's language; the same proportions at A4 and at A6. */
function Sheet({ point, links, size, language }: { point: Point; links: PointLink[]; size: Size; language: Locale }) {
  const texts = SHEET_TEXTS[language];
  return (
    <article className={`sheet sheet--${size}`} lang={language} data-size={size}>
      <p className="sheet__point">{point.name}</p>
      <h2 className="sheet__heading">{texts.heading}</h2>
      <p className="sheet__invitation">{texts.invitation}</p>
      <ul className={`sheet__codes sheet__codes--${links.length}`}>
        {links.map((link) => (
          <li key={link.target} className="sheet__code" data-target={link.target}>
            <img src={qrImageUrl(point.id, link.target)} alt={texts.targets[link.target]} />
            <span className="sheet__caption">{texts.targets[link.target]}</span>
          </li>
        ))}
      </ul>
      <p className="sheet__thanks">{texts.thanks}</p>
    </article>
  );
}
