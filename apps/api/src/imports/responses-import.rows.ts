import { isLocale, type Locale } from '@turbota/common';
import type { RolledUpMetric } from '@turbota/reports';

/** The header an import must start with, exactly, in this order. */
export const IMPORT_HEADER = ['responded_at', 'customer_id', 'channel', 'locale', 'agent', 'service_type', 'point_of_service', 'metric', 'score'] as const;

/** The scale each importable metric is answered on. */
export const IMPORT_SCALES: Record<RolledUpMetric, { min: number; max: number }> = { nps: { min: 0, max: 10 }, ces: { min: 1, max: 7 }, csat: { min: 1, max: 5 } };

/** One valid line of an import. */
export interface ImportedAnswer {
  answeredAt: Date;
  externalCustomerRef: string | null;
  channel: string;
  locale: Locale;
  agent: string | null;
  serviceType: string | null;
  pointOfService: string | null;
  metric: RolledUpMetric;
  score: number;
}

/** A line's verdict: the answer it holds, or why it was refused. */
export type RowVerdict = { ok: true; answer: ImportedAnswer } | { ok: false; reason: string };

const DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/;
const MAX_TEXT = 200;

/** Null when the header is right; otherwise what is missing, unknown or out of order. */
export function headerProblem(fields: readonly string[]): string | null {
  const given = fields.map((f) => f.trim().toLowerCase());
  const missing = IMPORT_HEADER.filter((column) => !given.includes(column));
  const unknown = given.filter((column) => !(IMPORT_HEADER as readonly string[]).includes(column));
  const problems = [
    missing.length ? `missing column(s): ${missing.join(', ')}` : '',
    unknown.length ? `unknown column(s): ${unknown.map((c) => c || '(empty)').join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length) return `header: ${problems.join('; ')}; expected ${IMPORT_HEADER.join(',')}`;
  if (given.join(',') !== IMPORT_HEADER.join(',')) return `header: columns must come in this order: ${IMPORT_HEADER.join(',')}`;
  return null;
}

/** Checks one data line; `now` refuses answers from the future. */
export function parseRow(fields: readonly string[], now: Date): RowVerdict {
  if (fields.length !== IMPORT_HEADER.length) return refuse(`expected ${IMPORT_HEADER.length} columns, got ${fields.length}`);
  const [respondedAt, customerId, channel, locale, agent, serviceType, pointOfService, metric, score] = fields.map((f) => f.trim());
  const answeredAt = parseMoment(respondedAt);
  if (!answeredAt) return refuse(`responded_at must be an ISO 8601 date-time, e.g. 2026-03-01T10:00:00Z, got "${clip(respondedAt)}"`);
  if (answeredAt.getTime() > now.getTime()) return refuse('responded_at lies in the future');
  const normalisedMetric = metric.toLowerCase();
  if (!isMetric(normalisedMetric)) return refuse(`metric must be one of nps, ces, csat, got "${clip(metric)}"`);
  const scale = IMPORT_SCALES[normalisedMetric];
  if (!/^\d{1,2}$/.test(score) || Number(score) < scale.min || Number(score) > scale.max) {
    return refuse(`score must be a whole number from ${scale.min} to ${scale.max} for ${normalisedMetric}, got "${clip(score)}"`);
  }
  if (!channel) return refuse('channel must not be empty');
  if (!isLocale(locale)) return refuse(`locale must be one of uk, ru, en, got "${clip(locale)}"`);
  const tooLong = Object.entries({ customer_id: customerId, channel, agent, service_type: serviceType, point_of_service: pointOfService }).find(([, v]) => v.length > MAX_TEXT);
  if (tooLong) return refuse(`${tooLong[0]} takes at most ${MAX_TEXT} characters`);
  return {
    ok: true,
    answer: {
      answeredAt,
      externalCustomerRef: customerId || null,
      channel: channel.toLowerCase(),
      locale,
      agent: agent || null,
      serviceType: serviceType || null,
      pointOfService: pointOfService || null,
      metric: normalisedMetric,
      score: Number(score),
    },
  };
}

/** A date (midnight UTC) or a date-time; one without a zone is read as UTC, so the result never depends on the server's zone. */
function parseMoment(value: string): Date | null {
  if (!DATE_TIME.test(value)) return null;
  const iso = value.replace(' ', 'T');
  const withZone = iso.includes('T') && !ZONE.test(iso) ? `${iso}Z` : iso;
  const at = new Date(withZone);
  if (Number.isNaN(at.getTime())) return null;
  // Date accepts 2026-02-30 and rolls it over; the calendar day written must be the one parsed.
  const day = value.slice(0, 10);
  const [y, m, d] = day.split('-').map(Number);
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCMonth() === m - 1 && check.getUTCDate() === d ? at : null;
}

function isMetric(value: string): value is RolledUpMetric {
  return value in IMPORT_SCALES;
}

function refuse(reason: string): RowVerdict {
  return { ok: false, reason };
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
