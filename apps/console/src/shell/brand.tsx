import { useI18n } from '../i18n/i18n';
import { href, Link } from '../router';

/** The product's mark and name, leading home. */
export function Brand() {
  const { t } = useI18n();
  return (
    <Link to={href('/')} className="brand">
      <svg className="brand__mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
        <path className="brand__bubble" d="M16 3C8.8 3 3 8.1 3 14.5c0 3.4 1.7 6.5 4.4 8.6L6.5 29l6-3.3c1.1.2 2.3.3 3.5.3 7.2 0 13-5.1 13-11.5S23.2 3 16 3z" />
        <path className="brand__heart" d="M16 20.5s-5.5-3.3-5.5-7a3 3 0 0 1 5.5-1.7 3 3 0 0 1 5.5 1.7c0 3.7-5.5 7-5.5 7z" />
      </svg>
      <span className="brand__name">Turbota</span>
      <span className="brand__sub">{t('app.console')}</span>
    </Link>
  );
}
