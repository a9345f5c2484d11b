import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { queryOnce } from './bench-database';
import { BENCH_ADMIN_KEY } from './scenario';

/** What an import answered: its status and body. */
export interface UploadAnswer {
  status: number;
  body: string;
}

const CHANNELS = ['telegram', 'viber', 'slack', 'web'];
const LOCALES = ['uk', 'ru', 'en'];
const METRICS: [string, number, number][] = [['nps', 0, 10], ['ces', 1, 7], ['csat', 1, 5]];
/** Every this-many contact lines one has a malformed occurredAt, so the rejected count is known in advance. */
export const CONTACT_BAD_LINE_EVERY = 1_000;
/** The first contact's Telegram chat id; contact i goes to chat FIRST_CHAT + (i mod customers). */
const FIRST_CHAT = 800_000_000;

/** An integration key (the role the imports take), made with the bench's admin key. */
export async function integrationKey(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/api-keys`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${BENCH_ADMIN_KEY}` },
    body: JSON.stringify({ name: 'Bench import', role: 'integration' }),
  });
  return ((await res.json()) as { key: string }).key;
}

/** Lines of `rows` records in batches of a thousand, header first: the bench never holds the file. */
function* batched(header: string, rows: number, line: (i: number) => string): Generator<string> {
  yield `${header}\n`;
  const batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    batch.push(line(i));
    if (batch.length === 1000) yield `${batch.splice(0).join('\n')}\n`;
  }
  if (batch.length) yield `${batch.join('\n')}\n`;
}

/** Responses over the last year (also the data of the reports bench), spread over channels, agents, service types, points and metrics. */
export function responseLines(rows: number): Generator<string> {
  const yearAgo = Date.now() - 365 * 86_400_000;
  return batched('responded_at,customer_id,channel,locale,agent,service_type,point_of_service,metric,score', rows, (i) => {
    const [metric, min, max] = METRICS[i % 3];
    const at = new Date(yearAgo + Math.floor((i / rows) * 364 * 86_400_000)).toISOString();
    return `${at},cust-${i % 50_000},${CHANNELS[i % 4]},${LOCALES[i % 3]},agent-${i % 40},svc-${i % 7},point-${i % 12},${metric},${min + (i % (max - min + 1))}`;
  });
}

const BULK_CHUNK = 1_000_000;

/**
 * The rows `responseLines` makes, inserted by SQL in chunks of a million as one import of the
 * API would store them (source, batch, question text), and then the rollups summed from them
 * as the migrations fill them: the reports bench at sizes the import takes too long for.
 */
export async function bulkLoadResponses(url: string, rows: number, log: (line: string) => void): Promise<void> {
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString();
  const batch = randomUUID();
  const at = (column: string, values: readonly string[]) => `(ARRAY[${values.map((v) => `'${v}'`).join(', ')}])[${column} % ${values.length} + 1]`;
  for (let first = 0; first < rows; first += BULK_CHUNK) {
    await queryOnce(
      url,
      `INSERT INTO answer (channel, locale, agent, service_type, point_of_service, question_code, question_type, question_text, integral, score, answered_at, source, import_batch_id, external_customer_ref)
       SELECT ${at('i', CHANNELS)}, ${at('i', LOCALES)}, 'agent-' || i % 40, 'svc-' || i % 7, 'point-' || i % 12, m.code, m.code, upper(m.code), true,
              (m.low + i % (m.high - m.low + 1))::smallint, $1::timestamptz + floor(i::float8 / $2 * 364 * 86400000) * interval '1 millisecond',
              'import', $3::uuid, 'cust-' || i % 50000
       FROM generate_series($4::bigint, $5::bigint) AS i
       JOIN (VALUES ${METRICS.map(([code, low, high], k) => `('${code}', ${low}, ${high}, ${k})`).join(', ')}) AS m (code, low, high, k) ON m.k = i % ${METRICS.length}`,
      [yearAgo, rows, batch, first, Math.min(rows, first + BULK_CHUNK) - 1],
    );
    log(`reports: ${Math.min(rows, first + BULK_CHUNK)} of ${rows} answers inserted by SQL`);
  }
  await queryOnce(
    url,
    `INSERT INTO answer_rollup (day, metric, channel, locale, agent, service_type, point_of_service, score, count)
     SELECT (answered_at AT TIME ZONE 'UTC')::date, question_type, channel, locale, COALESCE(agent, ''), COALESCE(service_type, ''), COALESCE(point_of_service, ''), score, count(*)
     FROM answer WHERE question_type IN ('nps', 'ces', 'csat') AND score IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  );
  await queryOnce(url, `INSERT INTO answer_rollup_daily (day, metric, channel, locale, score, count) SELECT day, metric, channel, locale, score, SUM(count) FROM answer_rollup GROUP BY 1, 2, 3, 4, 5`);
  await queryOnce(url, `INSERT INTO answer_rollup_agent (day, metric, agent, score, count) SELECT day, metric, agent, score, SUM(count) FROM answer_rollup GROUP BY 1, 2, 3, 4`);
  await queryOnce(
    url,
    `INSERT INTO answer_rollup_agent_monthly (month, metric, agent, score, count)
     SELECT date_trunc('month', day::timestamp)::date, metric, agent, score, SUM(count) FROM answer_rollup_agent GROUP BY 1, 2, 3, 4`,
  );
}

/**
 * Finished Telegram contacts of `serviceType` over the last hour, each customer twice (half
 * the file apart, so the second lands in another batch and meets the first's invitation in
 * the database: a cool-down skip), with a made-up name and no phone or e-mail.
 */
export function contactLines(rows: number, serviceType: string): Generator<string> {
  const hourAgo = Date.now() - 3_600_000;
  const customers = Math.ceil(rows / 2);
  return batched('externalId,channel,address,name,locale,agent,serviceType,pointOfService,occurredAt', rows, (i) => {
    const at = (i + 1) % CONTACT_BAD_LINE_EVERY === 0 ? 'yesterday' : new Date(hourAgo + Math.floor((i / rows) * 3_000_000)).toISOString();
    return `bench-contact-${i},telegram,${FIRST_CHAT + (i % customers)},Customer ${i % customers},${LOCALES[i % 3]},agent-${i % 40},${serviceType},point-${i % 12},${at}`;
  });
}

/** Posts a generated CSV as a stream to an import endpoint and answers its status and body (status 0: the connection broke). */
export function uploadCsv(base: string, path: string, key: string, lines: Iterable<string>): Promise<UploadAnswer> {
  const target = new URL(`${base}${path}`);
  return new Promise((resolve) => {
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${key}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    // A connection the server drops (e.g. Node's 300 s requestTimeout) is an answer to report, not a crash of the scenario.
    req.on('error', (error) => resolve({ status: 0, body: `connection error: ${error.message}` }));
    Readable.from(lines).pipe(req);
  });
}

/** The responses import of `rows` generated lines, as the import and reports benches load their answers. */
export function uploadResponses(base: string, key: string, rows: number): Promise<UploadAnswer> {
  return uploadCsv(base, '/api/v1/imports/responses', key, responseLines(rows));
}
