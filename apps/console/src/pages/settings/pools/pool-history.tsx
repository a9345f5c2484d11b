import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiError, asApiError, ok } from '../../../api/errors';
import { Loading } from '../../../components/alerts';
import { ApiErrorMessage } from '../../../components/api-error';
import { SelectField } from '../../../components/field';
import { PageSection } from '../../../components/page-section';
import { formatMoment } from '../../../format';
import { LOCALE_NAMES, LOCALES, type Translate, useI18n, useTitle } from '../../../i18n/i18n';
import { href, Link } from '../../../router';
import type { PoolVersion, Question, QuestionPool } from './question-draft';

/** A question as lines of text, one per thing that can change, for comparing two versions. */
function linesOf(question: Question | undefined, t: Translate): string[] {
  if (!question) return [];
  const q = question as Question & { lowLabel?: Record<string, string>; highLabel?: Record<string, string>; consentText?: Record<string, string>; accepts?: string[] };
  const texts = (what: string, given: Record<string, string> | undefined) => LOCALES.filter((locale) => given?.[locale]).map((locale) => `${what} ${locale}: ${given![locale]}`);
  return [
    `${t('pools.type')}: ${t(`pools.type.${q.type}`)}`,
    ...(q.factor ? [`${t('pools.factor')}: ${q.factor}`] : []),
    ...texts(t('pools.text'), q.text),
    ...texts(t('pools.lowLabel'), q.lowLabel),
    ...texts(t('pools.highLabel'), q.highLabel),
    ...texts(t('pools.consentText'), q.consentText),
    ...(q.accepts ? [`${t('pools.accepts')}: ${q.accepts.join(', ')}`] : []),
    ...(q.type === 'single_choice' ? q.options.flatMap((o, i) => [`${i + 1}. ${o.code}${o.factor ? ` (${o.factor})` : ''}`, ...texts(`   ${o.code}`, o.label)]) : []),
  ];
}

/** One side of a question's comparison: its lines, those the other side lacks marked. */
function Side({ lines, other, mark }: { lines: string[]; other: string[]; mark: 'removed' | 'added' }) {
  return (
    <td className="diff__side">
      {lines.map((line, i) => (
        <div key={i} className={other.includes(line) ? 'diff__line' : `diff__line diff__line--${mark}`}>
          {other.includes(line) ? line : <>{mark === 'added' ? <ins>{line}</ins> : <del>{line}</del>}</>}
        </div>
      ))}
    </td>
  );
}

/** Two versions side by side, question by question (matched by code, in the newer order). */
function VersionDiff({ left, right }: { left: PoolVersion; right: PoolVersion }) {
  const { t } = useI18n();
  const codes = [...new Set([...right.questions.map((q) => q.code), ...left.questions.map((q) => q.code)])];
  return (
    <table className="diff">
      <caption className="visually-hidden">{t('pools.diffCaption', { left: left.version, right: right.version })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('pools.code')}</th>
          <th scope="col">{t('pools.versionNumber', { version: left.version })}</th>
          <th scope="col">{t('pools.versionNumber', { version: right.version })}</th>
        </tr>
      </thead>
      <tbody>
        {left.locales.join() !== right.locales.join() && (
          <tr>
            <th scope="row">{t('pools.languages')}</th>
            <Side lines={[left.locales.map((l) => LOCALE_NAMES[l]).join(', ')]} other={[]} mark="removed" />
            <Side lines={[right.locales.map((l) => LOCALE_NAMES[l]).join(', ')]} other={[]} mark="added" />
          </tr>
        )}
        {codes.map((code) => {
          const before = linesOf(left.questions.find((q) => q.code === code), t);
          const after = linesOf(right.questions.find((q) => q.code === code), t);
          const position = (v: PoolVersion) => v.questions.findIndex((q) => q.code === code);
          const moved = position(left) >= 0 && position(right) >= 0 && position(left) !== position(right);
          return (
            <tr key={code}>
              <th scope="row">
                {code}
                {moved && <div className="muted">{t('pools.moved', { from: position(left) + 1, to: position(right) + 1 })}</div>}
              </th>
              <Side lines={before} other={after} mark="removed" />
              <Side lines={after} other={before} mark="added" />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A pool's versions: pick two to see what changed between them; answers keep the version they answered. */
export function PoolHistory({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const [pool, setPool] = useState<QuestionPool | null>(null);
  const [picked, setPicked] = useState<[number, number] | null>(null);
  const [versions, setVersions] = useState<Record<number, PoolVersion>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const asked = useRef(new Set<number>());
  useTitle(t('pools.historyTitle', { name: pool?.name ?? '…' }));

  useEffect(() => {
    ok(api.GET('/api/v1/question-pools/{id}', { params: { path: { id } } }))
      .then((loaded) => {
        setPool(loaded);
        setPicked([Math.max(1, loaded.version - 1), loaded.version]);
      })
      .catch((caught: unknown) => setError(asApiError(caught)));
  }, [id]);
  useEffect(() => {
    for (const version of picked ?? []) {
      if (asked.current.has(version)) continue;
      asked.current.add(version);
      ok(api.GET('/api/v1/question-pools/{id}/versions/{version}', { params: { path: { id, version } } }))
        .then((loaded) => setVersions((current) => ({ ...current, [version]: loaded })))
        .catch((caught: unknown) => setError(asApiError(caught)));
    }
  }, [id, picked]);

  if (error) return <ApiErrorMessage error={error} />;
  if (!pool || !picked) return <Loading label={t('app.loading')} />;
  const numbers = Array.from({ length: pool.version }, (_, i) => pool.version - i);
  const choose = (side: 0 | 1, version: number) => setPicked(side === 0 ? [version, picked[1]] : [picked[0], version]);
  const [left, right] = [versions[picked[0]], versions[picked[1]]];

  return (
    <PageSection
      id="history-title"
      title={t('pools.historyTitle', { name: pool.name })}
      className="pools"
      aside={<Link to={href(`/settings/pools/${pool.id}`)}>{t('pools.backToPool')}</Link>}
    >
      <p className="muted">{t('pools.historyHint')}</p>
      <div className="pools__compare">
        {([0, 1] as const).map((side) => (
          <SelectField key={side} label={side === 0 ? t('pools.compareFrom') : t('pools.compareTo')} value={picked[side]} onChange={(e) => choose(side, Number(e.target.value))}>
            {numbers.map((version) => (
              <option key={version} value={version}>
                {t('pools.versionNumber', { version })}
                {versions[version] ? ` · ${formatMoment(versions[version].createdAt, locale)}` : ''}
              </option>
            ))}
          </SelectField>
        ))}
      </div>
      {left && right ? <VersionDiff left={left} right={right} /> : <Loading label={t('app.loading')} />}
    </PageSection>
  );
}
