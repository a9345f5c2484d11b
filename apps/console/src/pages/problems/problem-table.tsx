import type { Problem } from '../../api/types';
import { useNow } from '../../components/use-now';
import { formatAge, formatMoment } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { href, Link } from '../../router';

/** `PRB-7`, as people say it. */
export const problemName = (problem: { number: number }) => `PRB-${problem.number}`;

/** A problem's status as a badge. */
export function ProblemStatus({ status }: { status: Problem['status'] }) {
  const { t } = useI18n();
  return <span className={`status status--problem-${status}`}>{t(`problemStatus.${status}`)}</span>;
}

/** Where the incidents repeat: the kind of place and its value. */
export function ProblemWhere({ problem }: { problem: Pick<Problem, 'dimension' | 'value'> }) {
  const { t } = useI18n();
  return (
    <span className="problem-where">
      <span className="muted">{t(`dimension.${problem.dimension}`)}:</span> {problem.value}
    </span>
  );
}

/**
 * The list's rows: name and status, reason, where it repeats, how many incidents, the last one's
 * age. A table on a wide screen; on a phone each row stacks into a card (the queue's layout).
 */
export function ProblemTable({ items }: { items: Problem[] }) {
  const { t, locale } = useI18n();
  const now = useNow(60_000);
  const columns = [t('problems.problem'), t('problems.reason'), t('problems.where'), t('problems.incidents'), t('problems.lastSeen')];
  return (
    <table className="queue problems">
      <caption className="visually-hidden">{t('problems.caption')}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((problem) => (
          <tr key={problem.id} className="queue__row">
            <th scope="row" className="queue__name">
              <Link to={href(`/problems/${problem.id}`)}>{problemName(problem)}</Link>
              <ProblemStatus status={problem.status} />
            </th>
            <td data-label={columns[1]}>{problem.reasonCode}</td>
            <td data-label={columns[2]}>
              <ProblemWhere problem={problem} />
            </td>
            <td data-label={columns[3]}>{new Intl.NumberFormat(locale).format(problem.incidentCount)}</td>
            <td data-label={columns[4]}>
              <time dateTime={problem.lastSeenAt} title={formatMoment(problem.lastSeenAt, locale)}>
                {formatAge(now - Date.parse(problem.lastSeenAt), locale)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
