import { request } from 'node:http';
import { Readable } from 'node:stream';
import { type BenchProcess, startTurbota } from '../processes';
import type { ScenarioResult } from '../report';
import { BENCH_ADMIN_KEY, type BenchContext, turbotaEnv } from '../scenario';

const MB = 2 ** 20;
const HEADER = 'responded_at,customer_id,channel,locale,agent,service_type,point_of_service,metric,score';
const CHANNELS = ['telegram', 'viber', 'slack', 'web'];
const METRICS: [string, number, number][] = [['nps', 0, 10], ['ces', 1, 7], ['csat', 1, 5]];

/** What the import answered. */
interface ImportAnswer {
  accepted: number;
  rejectedCount: number;
}

/**
 * Bench 5: a `--import-rows` CSV of responses, generated as a stream (the bench never holds
 * the file), through `POST /api/v1/imports/responses` into apps/api; reports rows a second
 * and the API process's peak RSS, sampled every 200 ms. The contacts import is not measured yet.
 */
export async function importScenario(context: BenchContext): Promise<ScenarioResult> {
  // No Bot API is needed here; the channel stays off.
  const env = { ...turbotaEnv(context, 'http://127.0.0.1:9'), TELEGRAM_BOT_TOKEN: '', TELEGRAM_WEBHOOK_SECRET: '' };
  const api = await startTurbota('api', env);
  try {
    const key = await integrationKey(api.url);
    const rows = context.options.importRows;
    const rssBefore = api.rss() / MB;
    let peak = rssBefore;
    const timer = setInterval(() => (peak = Math.max(peak, api.rss() / MB)), 200);
    const startedAt = Date.now();
    let answer: { status: number; body: string };
    try {
      answer = await uploadResponses(api, key, rows);
    } finally {
      clearInterval(timer);
    }
    const seconds = (Date.now() - startedAt) / 1000;
    context.log(`import: ${rows} rows answered ${answer.status} in ${seconds.toFixed(0)} s`);
    const result = answer.status === 200 ? (JSON.parse(answer.body) as ImportAnswer) : { accepted: 0, rejectedCount: rows };
    return {
      name: 'import',
      title: `5. CSV import of responses (${rows} rows)`,
      columns: ['rows', 'status', 'accepted', 'rejected', 'seconds', 'rows/s', 'RSS before MB', 'peak RSS MB'],
      rows: [[rows, answer.status, result.accepted, result.rejectedCount, seconds, result.accepted / seconds, rssBefore, peak]],
      verdicts: [],
      notes: [
        'The issue sets no target for imports: throughput and peak memory are recorded. A flat peak (independent of the row count) shows the file is streamed, not held.',
        ...(answer.status === 200 ? [] : [`The import answered ${answer.status}: ${answer.body.slice(0, 300)}`]),
        'The contacts import (POST /api/v1/imports/contacts) is not measured yet.',
      ],
      raw: { rows, status: answer.status, result, seconds, rssBefore, peak },
    };
  } finally {
    await api.stop();
  }
}

export async function integrationKey(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/api-keys`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${BENCH_ADMIN_KEY}` },
    body: JSON.stringify({ name: 'Bench import', role: 'integration' }),
  });
  return ((await res.json()) as { key: string }).key;
}

/** Lines over the last year (also the data of the reports bench), spread over channels, agents, service types, points and metrics. */
function* csvLines(rows: number): Generator<string> {
  yield `${HEADER}\n`;
  const yearAgo = Date.now() - 365 * 86_400_000;
  const batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    const [metric, min, max] = METRICS[i % 3];
    const at = new Date(yearAgo + Math.floor((i / rows) * 364 * 86_400_000)).toISOString();
    batch.push(`${at},cust-${i % 50_000},${CHANNELS[i % 4]},${['uk', 'ru', 'en'][i % 3]},agent-${i % 40},svc-${i % 7},point-${i % 12},${metric},${min + (i % (max - min + 1))}`);
    if (batch.length === 1000) yield `${batch.splice(0).join('\n')}\n`;
  }
  if (batch.length) yield `${batch.join('\n')}\n`;
}

export function uploadResponses(api: BenchProcess, key: string, rows: number): Promise<{ status: number; body: string }> {
  const target = new URL(`${api.url}/api/v1/imports/responses`);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${key}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    Readable.from(csvLines(rows)).pipe(req);
  });
}
