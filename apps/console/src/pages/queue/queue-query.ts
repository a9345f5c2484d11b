import type { IncidentsQuery } from '../../api/types';

/** The queue's ready views: open incidents (the default), the open ones I own and those nobody owns, breached ones, today's, every one. */
export const VIEWS = ['open', 'mine', 'unassigned', 'breached', 'today', 'all'] as const;
export type View = (typeof VIEWS)[number];

/** The filters the queue passes on to `GET /incidents` as they are, kept in the address. */
export const FILTERS = ['status', 'priority', 'breached', 'owner', 'reasonCode', 'pointOfService', 'agent', 'serviceType', 'channel'] as const;
export type Filter = (typeof FILTERS)[number];

const OPEN_STATUSES = 'new,acknowledged,in_progress';

/** The view the address names; the open queue unless it names another. */
export function viewOf(search: URLSearchParams): View {
  const view = search.get('view');
  return (VIEWS as readonly (string | null)[]).includes(view) ? (view as View) : 'open';
}

/** The filters the address holds, empty ones left out. */
export function filtersOf(search: URLSearchParams): Partial<Record<Filter, string>> {
  return Object.fromEntries(FILTERS.flatMap((name) => (search.get(name)?.trim() ? [[name, search.get(name)!.trim()]] : [])));
}

/** `GET /incidents`'s query for a view and filters; a filter given wins over the view's. */
export function queueQuery(search: URLSearchParams, now = new Date()): IncidentsQuery {
  const view = viewOf(search);
  const base: Record<string, string> = {};
  if (view === 'open' || view === 'mine' || view === 'unassigned') base.status = OPEN_STATUSES;
  if (view === 'mine') base.owner = 'me';
  if (view === 'unassigned') base.owner = 'none';
  if (view === 'breached') base.breached = 'true';
  if (view === 'today') base.from = new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
  return { ...base, ...filtersOf(search) } as IncidentsQuery;
}

/** The queue's address for a view and filters. */
export function queueSearch(view: View, filters: Partial<Record<Filter, string>> = {}): string {
  const search = new URLSearchParams(view === 'open' ? {} : { view });
  for (const [name, value] of Object.entries(filters)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
