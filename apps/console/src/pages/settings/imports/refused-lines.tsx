import { useI18n } from '../../../i18n/i18n';
import type { ImportOutcome } from './use-csv-import';

/** The lines an import refused, by number (1 is the header), with the API's reason (in English). */
export function RefusedLines({ outcome, caption }: { outcome: ImportOutcome; caption: string }) {
  const { t, locale } = useI18n();
  if (outcome.rejectedCount === 0) return null;
  const number = new Intl.NumberFormat(locale);
  return (
    <div className="refused">
      <table className="queue refused__table">
        <caption className="refused__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.line')}</th>
            <th scope="col">{t('imports.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {outcome.rejected.map((refused) => (
            <tr key={refused.line}>
              <th scope="row" className="refused__line">
                {number.format(refused.line)}
              </th>
              <td lang="en">
                {refused.reason}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {outcome.rejectedCount > outcome.rejected.length && <p className="muted">{t('imports.firstListed', { listed: number.format(outcome.rejected.length) })}</p>}
    </div>
  );
}
