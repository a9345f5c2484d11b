import { type BenchProcess, startTarget, startTurbota } from '../processes';
import { type ScenarioResult, verdict } from '../report';
import { BENCH_ADMIN_KEY, type BenchContext, fakeStats, sleep, turbotaEnv } from '../scenario';
import { BENCH_TOKEN } from '../updates';

/** What the limiting fake Bot API counted. */
interface FakeStats {
  delivered: number;
  firstDeliveredAt: number;
  lastDeliveredAt: number;
  rateLimited: number;
  dishonoured: number;
  inFlightAfter429: number;
  perChat: Record<string, number>;
  calls: Record<string, number>;
}

const CAP_PER_SECOND = 30;
const FIRST_CHAT = 700_000_000;
const SERVICE_TYPE = 'bench-outbound';

/**
 * Bench 3: contacts reported through `POST /api/v1/contacts` to apps/api, each inviting a
 * distinct Telegram customer; then apps/bot starts and delivers the whole backlog through a
 * fake Bot API that enforces 30 messages/s per bot and 1/s per chat with 429 `retry_after`,
 * and checks that each 429 is honoured. Two phases, so the sender is measured with a full
 * outbox rather than at the pace the contacts come in.
 */
export async function outboundScenario(context: BenchContext): Promise<ScenarioResult> {
  const fake = await startTarget('fake-bot-api', { BENCH_BOT_TOKEN: BENCH_TOKEN, BENCH_LIMITS: '1' });
  const env = turbotaEnv(context, fake.url);
  let turbota: BenchProcess | undefined;
  try {
    context.log('outbound: starting Turbota apps/api');
    turbota = await startTurbota('api', env);
    const api = apiClient(turbota.url);
    const created = await reportContacts(context, api, await prepare(api));
    await turbota.stop();
    context.log('outbound: starting Turbota apps/bot to deliver the backlog');
    const sendingFrom = Date.now();
    turbota = await startTurbota('bot', env);
    // At the cap, N messages take N/30 s; a quarter more and a minute of grace before giving up.
    const deadline = Date.now() + ((created.invited / CAP_PER_SECOND) * 1.25 + 60) * 1000;
    let stats = await fakeStats<FakeStats>(fake.url);
    let logged = 0;
    while (Object.keys(stats.perChat).length < created.invited && Date.now() < deadline) {
      await sleep(1000);
      stats = await fakeStats<FakeStats>(fake.url);
      if (stats.delivered - logged >= 1000) {
        logged = stats.delivered;
        context.log(`outbound: ${stats.delivered} delivered, ${stats.rateLimited} answered 429`);
      }
    }
    await sleep(3000); // anything sent twice arrives now or never
    stats = await fakeStats<FakeStats>(fake.url);
    return summarise({ n: context.options.invitations, created, stats, startupSeconds: (stats.firstDeliveredAt - sendingFrom) / 1000 });
  } finally {
    await Promise.all([turbota?.stop(), fake.stop()]);
  }
}

type Api = (path: string, init?: { method?: string; body?: unknown; key?: string }) => Promise<Response>;

function apiClient(base: string): Api {
  return (path, init = {}) =>
    fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${init.key ?? BENCH_ADMIN_KEY}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
}

/** An integration key, and a policy for the bench's service type that invites everyone at any hour, asking only the NPS. */
async function prepare(api: Api): Promise<string> {
  const pools = (await (await api('/api/v1/question-pools')).json()) as { id: string; name: string }[];
  const pool = pools.find((p) => p.name === 'Post-contact') ?? pools[0];
  const policy = await api('/api/v1/survey-policies', {
    method: 'POST',
    // No drawn questions, as in the earlier runs (their shared counter row made the contacts API the bottleneck then).
    body: { name: 'Bench outbound', serviceTypes: [SERVICE_TYPE], integralMetric: 'nps', poolId: pool.id, samplingRate: 1, quietHours: null, maxQuestions: 0 },
  });
  if (policy.status !== 201) throw new Error(`Creating the bench policy answered ${policy.status}: ${await policy.text()}`);
  const key = await api('/api/v1/api-keys', { method: 'POST', body: { name: 'Bench CRM', role: 'integration' } });
  return ((await key.json()) as { key: string }).key;
}

/** Reports contacts 4 at a time until N or the time cap; a 5xx is retried, as an integration would. */
async function reportContacts(context: BenchContext, api: Api, key: string) {
  const startedAt = Date.now();
  const stopAt = startedAt + context.options.createSeconds * 1000;
  const decisions: Record<string, number> = {};
  let retries = 0;
  let next = 0;
  const one = async (i: number) => {
    const body = {
      externalId: `bench-${process.pid}-${i}`,
      customer: { channel: 'telegram', address: String(FIRST_CHAT + i), locale: 'en' },
      serviceType: SERVICE_TYPE,
      occurredAt: new Date().toISOString(),
    };
    for (let attempt = 1; ; attempt++) {
      const res = await api('/api/v1/contacts', { method: 'POST', key, body });
      if (res.status === 201) return ((await res.json()) as { decision: string }).decision;
      if (res.status < 500 || attempt === 5) return `HTTP ${res.status}`;
      retries++;
    }
  };
  const worker = async () => {
    while (next < context.options.invitations && Date.now() < stopAt) {
      const decision = await one(next++);
      decisions[decision] = (decisions[decision] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  const seconds = (Date.now() - startedAt) / 1000;
  context.log(`outbound: ${next} contacts reported in ${seconds.toFixed(0)} s (${retries} retried after a 5xx): ${JSON.stringify(decisions)}`);
  return { reported: next, invited: decisions.invited ?? 0, decisions, retries, seconds };
}

function summarise(run: {
  n: number;
  created: { reported: number; invited: number; decisions: Record<string, number>; retries: number; seconds: number };
  stats: FakeStats;
  startupSeconds: number;
}): ScenarioResult {
  const { stats, created } = run;
  const counts = Object.values(stats.perChat);
  const lost = created.invited - counts.length;
  const duplicated = counts.filter((c) => c > 1).reduce((sum, c) => sum + c - 1, 0);
  const sustained = (stats.delivered - 1) / ((stats.lastDeliveredAt - stats.firstDeliveredAt) / 1000);
  return {
    name: 'outbound',
    title: "3. Outbound at the platform's limit (30/s per bot, 1/s per chat)",
    columns: ['asked', 'reported', 'invited', 'delivered', 'sustained/s', '% of cap', '429s', 'dishonoured', 'in flight at 429', 'lost', 'duplicated'],
    rows: [[run.n, created.reported, created.invited, stats.delivered, sustained, (100 * sustained) / CAP_PER_SECOND, stats.rateLimited, stats.dishonoured, stats.inFlightAfter429, lost, duplicated]],
    verdicts: [
      verdict('≥ 95% of the 30/s cap sustained', sustained >= 0.95 * CAP_PER_SECOND, `${sustained.toFixed(1)}/s (${((100 * sustained) / CAP_PER_SECOND).toFixed(0)}%) over ${((stats.lastDeliveredAt - stats.firstDeliveredAt) / 1000).toFixed(0)} s`),
      verdict('every 429 honoured (no send to that bot/chat before retry_after passed)', stats.dishonoured === 0, `${stats.rateLimited} × 429, ${stats.dishonoured} sends too early`),
      verdict('nothing lost or sent twice', lost === 0 && duplicated === 0, `${lost} lost, ${duplicated} duplicated`),
    ],
    notes: [
      `Phase 1: ${created.reported} contacts reported to apps/api 4 at a time in ${created.seconds.toFixed(0)} s (${(created.reported / created.seconds).toFixed(1)}/s, ${created.retries} retried after a 5xx): ${JSON.stringify(created.decisions)}.`,
      'The bench policy draws no extra questions (maxQuestions 0), as in the runs before the draw log replaced the shared counter row that made phase 1 create ~10 contacts a second (BENCHMARKS.md, gap 1), so that the figures compare.',
      `Phase 2: apps/bot started with the whole backlog in its outbox; first delivery ${run.startupSeconds.toFixed(0)} s after the process was spawned; the rate counts from the first to the last delivery.`,
      '"in flight at 429": sends that reached the fake within 100 ms of a 429, i.e. already on their way when it was answered; "dishonoured": later sends inside the retry_after window.',
    ],
    raw: { ...run, stats: { ...stats, perChat: undefined } },
  };
}
