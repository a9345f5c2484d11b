import type { ReportFilters } from '../../api/types';
import { LOCALES } from '../../i18n/i18n';

/** How the trends are cut: one point per UTC day, ISO week or month. */
export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/** The period buttons: the last 7, 30 or 90 days, today included. */
export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number];

/** The contact's attributes every report can be narrowed to. */
export const CUTS = ['channel', 'agent', 'serviceType', 'pointOfService', 'locale'] as const;
export type Cut = (typeof CUTS)[number];

/** What the reports page shows, as its address holds it: a period of whole UTC days, the trends' step and the cuts. */
export interface ReportView {
  from: string;
  to: string;
  interval: Interval;
  cuts: Partial<Record<Cut, string>>;
}

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;

/** Today as the reports count days: in UTC, as `YYYY-MM-DD`. */
export const today = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);

/** The day `days` before a `YYYY-MM-DD` day. */
export const daysBefore = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

function dayOf(value: string | null): string | undefined {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const time = Date.parse(`${value}T00:00:00Z`);
  // A day that does not exist (2026-02-30) reads back as another one.
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? undefined : value;
}

/** The view an address names; the last 30 days by week unless it names others. */
export function viewOf(search: URLSearchParams, now = Date.now()): ReportView {
  let to = dayOf(search.get('to')) ?? today(now);
  let from = dayOf(search.get('from')) ?? daysBefore(to, DEFAULT_DAYS - 1);
  if (from > to) [from, to] = [to, from];
  const interval = (INTERVALS as readonly (string | null)[]).includes(search.get('interval')) ? (search.get('interval') as Interval) : 'week';
  const cuts: Partial<Record<Cut, string>> = {};
  for (const cut of CUTS) {
    const value = search.get(cut)?.trim();
    if (value && (cut !== 'locale' || (LOCALES as readonly string[]).includes(value))) cuts[cut] = value;
  }
  return { from, to, interval, cuts };
}

/** The page's address for a view. */
export function searchOf(view: ReportView): string {
  const search = new URLSearchParams({ from: view.from, to: view.to });
  if (view.interval !== 'week') search.set('interval', view.interval);
  for (const cut of CUTS) if (view.cuts[cut]) search.set(cut, view.cuts[cut]);
  return `?${search.toString()}`;
}

/** A preset period ending today, keeping the rest of the view. */
export function withPreset(view: ReportView, days: Preset, now = Date.now()): ReportView {
  const to = today(now);
  return { ...view, from: daysBefore(to, days - 1), to };
}

/** The preset the view's period is, if it is one. */
export function presetOf(view: ReportView, now = Date.now()): Preset | undefined {
  return view.to === today(now) ? PRESETS.find((days) => view.from === daysBefore(view.to, days - 1)) : undefined;
}

/** The query every report takes for the view. */
export function filtersOf(view: ReportView): ReportFilters {
  return { from: view.from, to: view.to, ...view.cuts } as ReportFilters;
}

/** The address of a report as CSV, for a download link (the session cookie goes with it). */
export function csvHref(report: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(name, value);
  search.set('format', 'csv');
  return `/api/v1/reports/${report}?${search.toString()}`;
}
