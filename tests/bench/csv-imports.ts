import { request } from 'node:http';
import { Readable } from 'node:stream';
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
