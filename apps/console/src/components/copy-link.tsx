import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n';

/** A link to hand over: shown in a read-only field, with a button that copies it. */
export function CopyLink({ label, url }: { label: string; url: string }) {
  const { t } = useI18n();
  const id = useId();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard (an insecure origin): the field is selected for copying by hand
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="copy">
        <input id={id} className="control" readOnly value={url} onFocus={(e) => e.target.select()} />
        <button type="button" className="button" onClick={() => void copy()}>
          {t('copy.button')}
        </button>
      </div>
      <p className="field__hint" role="status">
        {copied === true ? t('copy.done') : copied === false ? t('copy.manual') : ''}
      </p>
    </div>
  );
}
