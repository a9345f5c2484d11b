import { CopyLink } from '../../../components/copy-link';
import { useI18n } from '../../../i18n/i18n';
import type { Translate } from '../../../i18n/i18n';
import { type PointLink, qrImageUrl } from './point-types';

/** Why a link is missing, in the admin's language, with the server's own words (English) after it. */
export function MissingReason({ link }: { link: PointLink }) {
  const { t } = useI18n();
  return (
    <>
      <p>{t(`points.missing.${link.missing ?? 'off'}`, { target: t(`points.target.${link.target}`) })}</p>
      {link.reason && (
        <p className="message__detail" lang="en">
          {link.reason}
        </p>
      )}
    </>
  );
}

/** The name of a link's target, in the admin's language. */
export const targetName = (t: Translate, link: PointLink) => t(`points.target.${link.target}`);

/** A point's three QR codes as the console shows them: each code, its link to copy, its files; or why it is missing. */
export function PointCodes({ pointId, links }: { pointId: string; links: PointLink[] }) {
  const { t } = useI18n();
  return (
    <ul className="point-codes">
      {links.map((link) => (
        <li key={link.target} className="point-codes__item">
          <h3>{targetName(t, link)}</h3>
          {link.url ? (
            <>
              <img className="point-codes__image" src={qrImageUrl(pointId, link.target)} alt={t('points.codeOf', { target: targetName(t, link) })} width={180} height={180} />
              <CopyLink label={t('points.linkOf', { target: targetName(t, link) })} url={link.url} />
              <p className="point-codes__files">
                {(['svg', 'png'] as const).map((format) => (
                  <a key={format} href={qrImageUrl(pointId, link.target, format)} download>
                    {t('points.download', { format: format.toUpperCase() })}
                  </a>
                ))}
              </p>
            </>
          ) : (
            <div className="message message--info">
              <MissingReason link={link} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
