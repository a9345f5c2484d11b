import type { Problem } from '../../api/types';
import { Age } from '../../components/age';
import { type Column, RowTable } from '../../components/row-table';
import { useNow } from '../../components/use-now';
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
  const columns: [Column<Problem>, ...Column<Problem>[]] = [
    {
      label: t('problems.problem'),
      cell: (problem) => (
        <>
          <Link to={href(`/problems/${problem.id}`)}>{problemName(problem)}</Link>
          <ProblemStatus status={problem.status} />
        </>
      ),
    },
    { label: t('problems.reason'), cell: (problem) => problem.reasonCode },
    { label: t('problems.where'), cell: (problem) => <ProblemWhere problem={problem} /> },
    { label: t('problems.incidents'), cell: (problem) => new Intl.NumberFormat(locale).format(problem.incidentCount) },
    { label: t('problems.lastSeen'), cell: (problem) => <Age at={problem.lastSeenAt} now={now} /> },
  ];
  return <RowTable caption={t('problems.caption')} className="problems" columns={columns} items={items} />;
}
