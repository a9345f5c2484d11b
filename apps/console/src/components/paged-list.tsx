import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, asApiError } from '../api/errors';
import { useI18n } from '../i18n/i18n';
import type { LiveChange } from '../live/live-connection';
import { useLiveChanges } from '../live/use-live-changes';
import { Loading } from './alerts';
import { ApiErrorMessage } from './api-error';

/** One page of a list as the API answers it. */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

interface Loaded<T> extends ListPage<T> {
  /** How many pages the items came from: a refresh reads as many again. */
  pages: number;
}

/** The first `count` pages of a list, read one after another by their cursors (the list's order holds across them). */
async function readPages<T>(fetchPage: (cursor?: string) => Promise<ListPage<T>>, count: number): Promise<Loaded<T>> {
  let page = await fetchPage();
  const items = [...page.items];
  let pages = 1;
  while (pages < count && page.nextCursor) {
    page = await fetchPage(page.nextCursor);
    items.push(...page.items);
    pages += 1;
  }
  return { items, nextCursor: page.nextCursor, pages };
}

/** A list read a page at a time, as `usePagedList` keeps it. */
export interface PagedList<T> {
  loaded: ListPage<T> | null;
  error: ApiError | null;
  busy: boolean;
  /** Reads again as many pages as are shown, so "show more" stays done. */
  refresh: () => void;
  /** Reads the next page onto the end. */
  more: () => void;
}

/**
 * A list read a page at a time by `fetchPage` (read from the start whenever it changes), and read
 * again, as far as it was loaded, on Refresh or when a live change `matters` to it.
 */
export function usePagedList<T>(fetchPage: (cursor?: string) => Promise<ListPage<T>>, matters: (change: LiveChange) => boolean): PagedList<T> {
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const current = useRef<Loaded<T> | null>(null);
  // Each read has a number; only the latest one started may show what it read.
  const latest = useRef(0);

  const show = useCallback(async (read: () => Promise<Loaded<T>>) => {
    const mine = ++latest.current;
    setBusy(true);
    setError(null);
    try {
      const next = await read();
      if (mine !== latest.current) return;
      current.current = next;
      setLoaded(next);
    } catch (caught) {
      if (mine === latest.current) setError(asApiError(caught));
    } finally {
      if (mine === latest.current) setBusy(false);
    }
  }, []);

  const refresh = useCallback(() => void show(() => readPages(fetchPage, current.current?.pages ?? 1)), [fetchPage, show]);
  const more = useCallback(() => {
    const shown = current.current;
    if (!shown?.nextCursor) return;
    void show(async () => {
      const page = await fetchPage(shown.nextCursor ?? undefined);
      return { items: [...shown.items, ...page.items], nextCursor: page.nextCursor, pages: shown.pages + 1 };
    });
  }, [fetchPage, show]);

  useEffect(() => {
    current.current = null;
    setLoaded(null);
    void show(() => readPages(fetchPage, 1));
  }, [fetchPage, show]);
  useLiveChanges(matters, refresh);

  return { loaded, error, busy, refresh, more };
}

/**
 * A list page's frame: its title with Refresh, what comes before the list (views, filters), then
 * the list as `table` draws it, or that it is loading or empty, and "show more" while there is more.
 */
export function PagedListPage<T>({
  name,
  title,
  texts,
  list,
  controls,
  table,
}: {
  name: string;
  title: string;
  texts: { refresh: string; empty: string; more: string };
  list: PagedList<T>;
  controls: ReactNode;
  table: (items: T[]) => ReactNode;
}) {
  const { t } = useI18n();
  const { loaded, error, busy } = list;
  return (
    <section aria-labelledby={`${name}-title`} className="page">
      <div className="page__head">
        <h1 id={`${name}-title`}>{title}</h1>
        <button type="button" className="button" onClick={list.refresh} disabled={busy}>
          {texts.refresh}
        </button>
      </div>
      {controls}
      <ApiErrorMessage error={error} />
      {loaded === null && !error && <Loading label={t('app.loading')} />}
      {loaded !== null && loaded.items.length === 0 && <p className="empty">{texts.empty}</p>}
      {loaded !== null && loaded.items.length > 0 && table(loaded.items)}
      {loaded?.nextCursor && (
        <p className="more">
          <button type="button" className="button" onClick={list.more} disabled={busy}>
            {texts.more}
          </button>
        </p>
      )}
    </section>
  );
}
