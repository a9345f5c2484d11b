import { useId } from 'react';
import { useI18n } from '../../../i18n/i18n';

/** How much of the file went up; once it all has, the import is finishing its last lines. */
export function UploadProgress({ sent, total }: { sent: number; total: number }) {
  const { t, locale } = useI18n();
  const id = useId();
  const share = total > 0 ? Math.min(1, sent / total) : 0;
  const finishing = total > 0 && sent >= total;
  return (
    <div className="upload-progress">
      <p id={id} className="upload-progress__label">
        {finishing ? t('imports.finishing') : t('imports.uploading', { share: new Intl.NumberFormat(locale, { style: 'percent' }).format(share) })}
      </p>
      {finishing ? <progress aria-labelledby={id} /> : <progress aria-labelledby={id} max={total || 1} value={sent} />}
    </div>
  );
}
