import { performance } from 'node:perf_hooks';
import { queryOnce } from '../bench-database';
import { type BenchProcess, startTarget, startTurbota } from '../processes';
import { type Cell, type ScenarioResult, verdict } from '../report';
import { BENCH_ADMIN_KEY, type BenchContext, fakeStats, sleep, turbotaEnv } from '../scenario';
import { BENCH_TOKEN, scoreTap, startUpdate, WEBHOOK_HEADERS } from '../updates';

/** What the limiting fake Bot API counted. */
interface FakeStats {
  delivered: number;
  rateLimited: number;
  dishonoured: number;
  inFlightAfter429: number;
  perChatAll: Record<string, number>;
}

interface Phase {
  bots: number;
  customers: number;
  updates: number;
  ok: number;
  failed: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests the proxy passed to each bot. */
  split: number[];
}

const SERVICE_TYPE = 'bench-scale';
const CONCURRENCY = 16;
// Each phase and the invitations get chat ids of their own: every customer is a new one.
const FIRST_CHAT = { 1: 810_000_000, 2: 820_000_000, invited: 830_000_000 } as const;

/**
 * Bench 6: horizontal scale-out. Two apps/bot and two apps/api processes on one PostgreSQL;
 * the webhooks reach the bots through a round-robin proxy (its own process), first with one
 * bot behind it, then with both: the same closed-loop load of new customers starting and
 * answering, so the two throughputs compare. Then contacts are reported to both APIs in
 * turn and the bots deliver everything through the limiting fake Bot API. Counted: every
 * update answered and stored once, every message delivered once (the fake's count per chat
 * against the database's), no invitation opened twice, and the 429s the fake answered.
 */
export async function scaleScenario(context: BenchContext): Promise<ScenarioResult> {
  const fake = await startTarget('fake-bot-api', { BENCH_BOT_TOKEN: BENCH_TOKEN, BENCH_LIMITS: '1' });
  const env = turbotaEnv(context, fake.url);
  const processes: BenchProcess[] = [];
  const url = context.database.url;
  try {
    context.log('scale: starting two apps/bot and two apps/api on one database');
    const bots = [await startTurbota('bot', env), await startTurbota('bot', env)];
    const apis = [await startTurbota('api', env), await startTurbota('api', env)];
    processes.push(...bots, ...apis);
    const customers = context.options.quick ? 150 : 400;
    const phases: Phase[] = [];
    for (const count of [1, 2] as const) {
      const proxy = await startTarget('round-robin-proxy', { BENCH_UPSTREAMS: bots.slice(0, count).map((b) => b.url).join(',') });
      try {
        context.log(`scale: ${customers} new customers through the proxy to ${count} bot(s), ${CONCURRENCY} at a time`);
        phases.push(await dialogues(proxy.url, count, FIRST_CHAT[count], customers));
      } finally {
        await proxy.stop();
      }
    }
    const contacts = context.options.quick ? 100 : 300;
    context.log(`scale: ${contacts} contacts reported to the two APIs in turn`);
    const invited = await reportContacts(apis, contacts);
    context.log('scale: waiting for the bots to deliver every message');
    const pendingSql = `SELECT count(*)::int AS n FROM message WHERE direction = 'out' AND delivery = 'pending'`;
    const total = (await queryOnce<{ n: number }>(url, `SELECT count(*)::int AS n FROM message WHERE direction = 'out'`))[0].n;
    const deadline = Date.now() + ((total / 30) * 1.5 + 60) * 1000;
    while ((await queryOnce<{ n: number }>(url, pendingSql))[0].n > 0 && Date.now() < deadline) await sleep(1000);
    await sleep(3000); // anything sent twice arrives now or never
    const stats = await fakeStats<FakeStats>(fake.url);
    const inDb = await queryOnce<{ address: string; sent: number; pending: number }>(
      url,
      `SELECT i.address, count(*) FILTER (WHERE m.delivery = 'sent')::int AS sent, count(*) FILTER (WHERE m.delivery <> 'sent')::int AS pending
         FROM message m JOIN customer_identity i ON i.id = m.identity_id WHERE m.direction = 'out' GROUP BY i.address`,
    );
    let lost = 0;
    let duplicated = 0;
    let undelivered = 0;
    for (const row of inDb) {
      const got = stats.perChatAll[row.address] ?? 0;
      lost += Math.max(0, row.sent - got);
      duplicated += Math.max(0, got - row.sent);
      undelivered += row.pending;
    }
    const inputs = (await queryOnce<{ n: number; keys: number }>(url, 'SELECT count(*)::int AS n, count(DISTINCT (identity_id, input_key))::int AS keys FROM conversation_input'))[0];
    const [twice] = await queryOnce<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM (SELECT c.identity_id FROM conversation c JOIN customer_identity i ON i.id = c.identity_id
         WHERE i.address::bigint >= $1 GROUP BY c.identity_id HAVING count(*) > 1) AS d`,
      [FIRST_CHAT.invited],
    );
    return summarise({ phases, invited, stats, lost, duplicated, undelivered, inputs, openedTwice: twice.n, messages: total });
  } finally {
    await Promise.all([...processes.map((p) => p.stop()), fake.stop()]);
  }
}

/** `customers` new customers, `CONCURRENCY` at a time, each sending /start and then a score as soon as /start is answered. */
async function dialogues(proxyUrl: string, bots: number, firstChat: number, customers: number): Promise<Phase> {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const post = async (body: string) => {
    const at = performance.now();
    const res = await fetch(`${proxyUrl}/webhooks/telegram`, { method: 'POST', headers: { ...WEBHOOK_HEADERS, 'Content-Type': 'application/json' }, body }).catch(() => undefined);
    await res?.arrayBuffer();
    if (res && res.status < 300) latencies.push(performance.now() - at);
    else failed++;
    return !!res && res.status < 300;
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < customers) {
        const i = next++;
        const chat = firstChat + i;
        if (await post(startUpdate(chat * 2, chat))) await post(scoreTap(chat * 2 + 1, chat, i % 11));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN);
  const split = ((await (await fetch(`${proxyUrl}/proxy-stats`)).json()) as { sent: number[] }).sent;
  return { bots, customers, updates: latencies.length + failed, ok: latencies.length, failed, seconds, perSecond: latencies.length / seconds, p50Ms: pick(0.5), p99Ms: pick(0.99), split };
}

/** A policy for the bench's service type (drawing questions: the draw log is shared by both APIs), then contacts to each API in turn. */
async function reportContacts(apis: BenchProcess[], count: number): Promise<{ reported: number; decisions: Record<string, number>; failed: number }> {
  const call = (base: string, path: string, init: { method?: string; body?: unknown; key?: string } = {}) =>
    fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${init.key ?? BENCH_ADMIN_KEY}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const base = apis[0].url;
  const pools = (await (await call(base, '/api/v1/question-pools')).json()) as { id: string; name: string }[];
  const pool = pools.find((p) => p.name === 'Post-contact') ?? pools[0];
  const policy = await call(base, '/api/v1/survey-policies', {
    method: 'POST',
    body: { name: 'Bench scale-out', serviceTypes: [SERVICE_TYPE], integralMetric: 'nps', poolId: pool.id, samplingRate: 1, quietHours: null },
  });
  if (policy.status !== 201) throw new Error(`Creating the bench policy answered ${policy.status}: ${await policy.text()}`);
  const key = ((await (await call(base, '/api/v1/api-keys', { method: 'POST', body: { name: 'Bench CRM', role: 'integration' } })).json()) as { key: string }).key;
  const decisions: Record<string, number> = {};
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const res = await call(apis[i % apis.length].url, '/api/v1/contacts', {
        method: 'POST',
        key,
        body: { externalId: `bench-scale-${process.pid}-${i}`, customer: { channel: 'telegram', address: String(FIRST_CHAT.invited + i), locale: 'en' }, serviceType: SERVICE_TYPE, occurredAt: new Date().toISOString() },
      });
      if (res.status === 201) {
        const { decision } = (await res.json()) as { decision: string };
        decisions[decision] = (decisions[decision] ?? 0) + 1;
      } else {
        failed++;
        await res.arrayBuffer();
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return { reported: count, decisions, failed };
}

function summarise(run: {
  phases: Phase[];
  invited: { reported: number; decisions: Record<string, number>; failed: number };
  stats: FakeStats;
  lost: number;
  duplicated: number;
  undelivered: number;
  inputs: { n: number; keys: number };
  openedTwice: number;
  messages: number;
}): ScenarioResult {
  const rows: Cell[][] = run.phases.map((p) => [p.bots, p.customers, p.updates, p.ok, p.failed, p.perSecond, p.p50Ms, p.p99Ms, p.split.join(' / ')]);
  const [one, two] = run.phases;
  const updates = run.phases.reduce((sum, p) => sum + p.updates, 0);
  const failed = run.phases.reduce((sum, p) => sum + p.failed, 0);
  return {
    name: 'scale',
    title: '6. Horizontal scale-out (two bots, two APIs, one PostgreSQL)',
    columns: ['bots behind the proxy', 'customers', 'updates', 'ok', 'failed', 'updates/s', 'p50 ms', 'p99 ms', 'requests per bot'],
    rows,
    verdicts: [
      verdict('every update answered and stored once', failed === 0 && run.inputs.n === updates && run.inputs.keys === updates, `${updates} updates, ${failed} not answered 2xx, ${run.inputs.n} inputs stored (${run.inputs.keys} distinct)`),
      verdict('every message delivered once across the two senders', run.lost === 0 && run.duplicated === 0 && run.undelivered === 0, `${run.messages} outgoing messages: ${run.lost} lost, ${run.duplicated} duplicated, ${run.undelivered} still pending or failed`),
      verdict('no invitation opened twice', run.openedTwice === 0 && run.invited.failed === 0, `${run.invited.reported} contacts to two APIs in turn (${JSON.stringify(run.invited.decisions)}, ${run.invited.failed} failed), ${run.openedTwice} customers with two conversations`),
      verdict('two bots take more updates/s than one', two.perSecond > one.perSecond, `${one.perSecond.toFixed(1)}/s with one, ${two.perSecond.toFixed(1)}/s with two (${(two.perSecond / one.perSecond).toFixed(2)}×)`),
    ],
    notes: [
      `Closed loop, ${CONCURRENCY} customers at a time, each a new one: /start, then a score as soon as /start is answered; through a round-robin HTTP proxy (its own process, no retries). Both bots run in both phases (each also sends from the shared outbox); only the webhooks' split differs.`,
      `The fake Bot API enforces Telegram's limits: ${run.stats.rateLimited} × 429 (${run.stats.dishonoured} sends inside a retry_after window, ${run.stats.inFlightAfter429} already in flight). One bot at a time sends for the channel (the holder of its lease in outbox_sender_lease), so the two keep one 30/s window and honour every retry_after together.`,
      'The SLA timers of incidents (each firing once with two processes) are not part of this scenario.',
    ],
    raw: run,
  };
}
