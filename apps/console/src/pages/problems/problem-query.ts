import type { ProblemsQuery } from '../../api/types';

/** What the incidents of a problem share besides the reason. */
export const DIMENSIONS = ['point_of_service', 'agent', 'service_type'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The list's status choice: the problems still to deal with (the default), one status, or all. */
export const STATUS_CHOICES = ['unsettled', 'open', 'investigating', 'fixed', 'all'] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];

/** The list's filters, as the address holds them. */
export interface ProblemFilters {
  status: StatusChoice;
  reasonCode?: string;
  dimension?: Dimension;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): value is T => (values as readonly (string | null)[]).includes(value);

/** The filters an address names; the unsettled problems unless it names others. */
export function problemFiltersOf(search: URLSearchParams): ProblemFilters {
  const status = search.get('status');
  const dimension = search.get('dimension');
  const reasonCode = search.get('reasonCode')?.trim();
  return {
    status: oneOf(STATUS_CHOICES, status) ? status : 'unsettled',
    ...(reasonCode ? { reasonCode } : {}),
    ...(oneOf(DIMENSIONS, dimension) ? { dimension } : {}),
  };
}

/** How many filters differ from the default view. */
export const filtersOn = (filters: ProblemFilters) => Object.keys(filters).length - 1 + (filters.status === 'unsettled' ? 0 : 1);

/** `GET /problems`'s query for the filters. */
export function problemsQuery(filters: ProblemFilters): ProblemsQuery {
  const status = filters.status === 'unsettled' ? 'open,investigating' : filters.status === 'all' ? undefined : filters.status;
  return { ...(status ? { status } : {}), reasonCode: filters.reasonCode, dimension: filters.dimension };
}

/** The list's address for the filters. */
export function problemsSearch(filters: ProblemFilters): string {
  const search = new URLSearchParams();
  if (filters.status !== 'unsettled') search.set('status', filters.status);
  if (filters.reasonCode) search.set('reasonCode', filters.reasonCode);
  if (filters.dimension) search.set('dimension', filters.dimension);
  const text = search.toString();
  return text ? `?${text}` : '';
}
