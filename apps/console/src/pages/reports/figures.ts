import type { Locale, Translate } from '../../i18n/i18n';
import type { Interval } from './report-query';

/** What a figure measures, for its digits and unit: NPS -100..100, CSAT and rates in percent, CES a mean. */
export type Kind = 'nps' | 'csat' | 'ces' | 'rate';

const DIGITS: Record<Kind, number> = { nps: 0, csat: 0, ces: 2, rate: 0 };
const UNIT: Record<Kind, string> = { nps: '', csat: '%', ces: '', rate: '%' };

/** A value with its 95% interval, as the reports API gives every score. */
export interface Estimate {
  value: number | null;
  ci95: readonly number[] | null;
}

/** Figures in the reader's language: every score with its interval and n, never a score alone. */
export interface Figures {
  number: (value: number, digits?: number) => string;
  value: (kind: Kind, value: number | null | undefined) => string;
  ci: (kind: Kind, interval: readonly number[] | null) => string;
  n: (count: number) => string;
  estimate: (kind: Kind, estimate: Estimate, count: number) => string;
  minutes: (value: number | null) => string;
  days: (value: number | null) => string;
  period: (day: string, interval: Interval) => string;
}

/** The formatters of one language. */
export function figuresOf(t: Translate, locale: Locale): Figures {
  const number = (value: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  const value = (kind: Kind, v: number | null | undefined) => (v === null || v === undefined ? '—' : `${number(v, DIGITS[kind])}${UNIT[kind]}`);
  const ci = (kind: Kind, interval: readonly number[] | null) => (interval ? t('reports.ci', { low: value(kind, interval[0]), high: value(kind, interval[1]) }) : t('reports.notEstimable'));
  const n = (count: number) => t('reports.n', { n: number(count) });
  const unit = (unit: 'minute' | 'day', digits: number) => (v: number | null) =>
    v === null ? '—' : new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits }).format(v);
  const period = (day: string, interval: Interval) => {
    const options: Intl.DateTimeFormatOptions = interval === 'month' ? { month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' };
    return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options }).format(new Date(`${day}T00:00:00Z`));
  };
  return {
    number,
    value,
    ci,
    n,
    estimate: (kind, e, count) => `${value(kind, e.value)}, ${ci(kind, e.ci95)}, ${n(count)}`,
    minutes: unit('minute', 0),
    days: unit('day', 1),
    period,
  };
}
