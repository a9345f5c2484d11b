import { queryOnce } from '../bench-database';
import { CONTACT_BAD_LINE_EVERY, contactLines, integrationKey, uploadCsv, type UploadAnswer, uploadResponses } from '../csv-imports';
import { type BenchProcess, startTurbota } from '../processes';
import type { Cell, ScenarioResult } from '../report';
import { BENCH_ADMIN_KEY, type BenchContext, turbotaEnv } from '../scenario';

const MB = 2 ** 20;
const SERVICE_TYPE = 'bench-import';
// apps/api sends nothing (the outbox is apps/bot's), so the Telegram channel can point nowhere.
const NOWHERE = 'http://127.0.0.1:9';

/** What an import answered, as far as the table needs it. */
interface ImportAnswer {
  accepted: number;
  rejectedCount: number;
  decisions?: Record<string, number>;
}

/** One import, measured: the answer, the time it took and the API process's memory around it. */
interface ImportRun {
  name: string;
  rows: number;
  status: number;
  result: ImportAnswer;
  seconds: number;
  rssBefore: number;
  peak: number;
  /** The start of the body when the import did not answer 200. */
  error?: string;
}

/**
 * Bench 5: a `--import-rows` CSV of responses through `POST /api/v1/imports/responses`, then a
 * `--contact-rows` CSV of finished contacts through `POST /api/v1/imports/contacts`, each
 * generated as a stream (the bench never holds the file) into a fresh apps/api process;
 * reports rows a second and the process's peak RSS, sampled every 200 ms.
 */
export async function importScenario(context: BenchContext): Promise<ScenarioResult> {
  const responses = await withApi({ ...turbotaEnv(context, NOWHERE), TELEGRAM_BOT_TOKEN: '', TELEGRAM_WEBHOOK_SECRET: '' }, async (api) => {
    const key = await integrationKey(api.url);
    return measure(api, 'responses', context.options.importRows, () => uploadResponses(api.url, key, context.options.importRows));
  });
  context.log(`import: ${responses.rows} responses answered ${responses.status} in ${responses.seconds.toFixed(0)} s`);
  // Contacts are invited only on a channel that is on: Telegram on, pointing nowhere.
  const contacts = await withApi(turbotaEnv(context, NOWHERE), async (api) => {
    await createImportPolicy(api.url);
    const key = await integrationKey(api.url);
    const rows = context.options.contactRows;
    return measure(api, 'contacts', rows, () => uploadCsv(api.url, '/api/v1/imports/contacts', key, contactLines(rows, SERVICE_TYPE)));
  });
  context.log(`import: ${contacts.rows} contacts answered ${contacts.status} in ${contacts.seconds.toFixed(0)} s`);
  const [{ n: queued }] = await queryOnce<{ n: number }>(context.database.url, `SELECT count(*)::int AS n FROM message WHERE direction = 'out' AND delivery = 'pending'`);
  return summarise([responses, contacts], queued);
}

async function withApi<T>(env: Record<string, string>, use: (api: BenchProcess) => Promise<T>): Promise<T> {
  const api = await startTurbota('api', env);
  try {
    return await use(api);
  } finally {
    await api.stop();
  }
}

async function measure(api: BenchProcess, name: string, rows: number, upload: () => Promise<UploadAnswer>): Promise<ImportRun> {
  const rssBefore = api.rss() / MB;
  let peak = rssBefore;
  const timer = setInterval(() => (peak = Math.max(peak, api.rss() / MB)), 200);
  const startedAt = Date.now();
  let answer: UploadAnswer;
  try {
    answer = await upload();
  } finally {
    clearInterval(timer);
  }
  const seconds = (Date.now() - startedAt) / 1000;
  const ok = answer.status === 200;
  const result = ok ? (JSON.parse(answer.body) as ImportAnswer) : { accepted: 0, rejectedCount: rows };
  return { name, rows, status: answer.status, result, seconds, rssBefore, peak, ...(ok ? {} : { error: answer.body.slice(0, 300) }) };
}

/**
 * A policy for the bench's service type that invites at any hour with no reminder: nothing is
 * scheduled or due while the import runs, so apps/api's invitation worker stays idle instead of
 * competing with the import, and each invitation waits in the outbox (apps/bot is not running,
 * so no messenger, fake or real, is sent anything).
 */
async function createImportPolicy(base: string): Promise<void> {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${BENCH_ADMIN_KEY}` };
  const pools = (await (await fetch(`${base}/api/v1/question-pools`, { headers })).json()) as { id: string; name: string }[];
  const pool = pools.find((p) => p.name === 'Post-contact') ?? pools[0];
  const body = { name: 'Bench import', serviceTypes: [SERVICE_TYPE], integralMetric: 'nps', poolId: pool.id, samplingRate: 1, quietHours: null, reminderAfterMinutes: null };
  const res = await fetch(`${base}/api/v1/survey-policies`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`Creating the import policy answered ${res.status}: ${await res.text()}`);
}

function summarise(runs: ImportRun[], queued: number): ScenarioResult {
  const [responses, contacts] = runs;
  const rows: Cell[][] = runs.map((r) => [r.name, r.rows, r.status, r.result.accepted, r.result.rejectedCount, r.seconds, r.result.accepted / r.seconds, r.rssBefore, r.peak]);
  const decisions = contacts.result.decisions;
  return {
    name: 'import',
    title: `5. CSV imports (${responses.rows} responses, ${contacts.rows} contacts)`,
    columns: ['import', 'rows', 'status', 'accepted', 'rejected', 'seconds', 'rows/s', 'RSS before MB', 'peak RSS MB'],
    rows,
    verdicts: [],
    notes: [
      'The issue sets no target for imports: throughput and peak memory are recorded. A flat peak (independent of the row count) shows the file is streamed, not held. Each import runs in a fresh apps/api process; "rows/s" counts accepted rows.',
      `Contacts: Telegram customers, each twice, half the file apart (the second is skipped for the 30-day cool-down), a name and no phone or e-mail, every ${CONTACT_BAD_LINE_EVERY}th line with a malformed occurredAt (refused). ` +
        'The bench policy invites at any hour with no reminder and draws questions as shipped; apps/bot is not running, so the invitations stay in the outbox and nothing is sent.',
      decisions ? `Contact decisions: ${decisions.invited} invited, ${decisions.scheduled} scheduled, ${decisions.skipped} skipped; ${queued} invitations waiting in the outbox afterwards.` : 'The contacts import gave no decisions.',
      ...runs.filter((r) => r.error !== undefined).map((r) => `The ${r.name} import answered ${r.status}: ${r.error}`),
    ],
    raw: { runs, queued },
  };
}
