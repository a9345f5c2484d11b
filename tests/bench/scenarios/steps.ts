import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { runClosedLoop } from '../load';
import { waitForProcessing } from '../processing-drain';
import { type BenchProcess, startTarget, startTurbota } from '../processes';
import { type Cell, type ScenarioResult, verdict } from '../report';
import { type BenchContext, turbotaEnv } from '../scenario';
import { BENCH_SECRET, BENCH_TOKEN, scoreTap, startUpdate, WEBHOOK_HEADERS } from '../updates';

const BASELINE = 'baseline (node:http + INSERT)';
const GRAMMY = 'grammy + conversations + psql';
const TURBOTA = 'Turbota (apps/bot)';
const PHASES = ['/start', 'score tap'] as const;
type Phase = (typeof PHASES)[number];

interface System {
  name: string;
  process: BenchProcess;
  path: string;
  /** Turbota's database, where an acknowledged update is applied later; absent for the systems that apply inline. */
  database?: string;
}

interface Measured {
  system: string;
  phase: Phase;
  ok: number;
  failed: number;
  /** Updates acknowledged (2xx) per second, over the time the load ran. */
  acknowledgedPerSecond: number;
  /** Steps applied per second, from the first request until the last step was committed. */
  appliedPerSecond: number;
  /** CPU of the system's process per applied step, ms. */
  processCpuMs: number;
  /** CPU of the PostgreSQL server (every postgres process) per applied step, ms. */
  postgresCpuMs: number;
  /** Statements PostgreSQL ran per applied step (pg_stat_statements), when the server tracks them. */
  statements: number | null;
}

// Each system gets chat ids of its own: every customer is a new one.
let nextChatId = 5_000_000;
let nextUpdateId = 50_000_000;

/**
 * Bench 7: finished work against finished work, at full speed. Each system takes, in a closed
 * loop of `--concurrency` keep-alive connections, `--steps` new customers' `/start` and then
 * the same customers' score taps, as fast as it answers; Turbota's steps count as applied
 * only once its database holds each input (its webhooks may answer before the step).
 */
export async function stepsScenario(context: BenchContext): Promise<ScenarioResult> {
  const fake = await startTarget('fake-bot-api', { BENCH_BOT_TOKEN: BENCH_TOKEN });
  const shared = { DATABASE_URL: context.database.url, BENCH_BOT_TOKEN: BENCH_TOKEN, BENCH_WEBHOOK_SECRET: BENCH_SECRET, BENCH_API_ROOT: fake.url };
  const systems: System[] = [];
  const statements = await StatementCounter.open(context.database.url);
  try {
    systems.push({ name: BASELINE, process: await startTarget('baseline-server', shared), path: '/' });
    systems.push({ name: GRAMMY, process: await startTarget('grammy-bot', shared), path: '/' });
    context.log('steps: starting Turbota (apps/bot)');
    systems.push({ name: TURBOTA, process: await startTurbota('bot', turbotaEnv(context, fake.url)), path: '/webhooks/telegram', database: context.database.url });
    const warmUp = Math.min(300, context.options.steps);
    for (const system of systems) await dialogues(context, system, warmUp, statements);
    const measured: Measured[] = [];
    for (const system of systems) {
      context.log(`steps: ${system.name}, ${context.options.steps} customers`);
      measured.push(...(await dialogues(context, system, context.options.steps, statements)));
    }
    return summarise(context, measured, statements.available);
  } finally {
    await Promise.all([...systems.map((s) => s.process.stop()), fake.stop()]);
    await statements.close();
  }
}

/** `count` new customers' `/start`, then their taps, each phase measured on its own. */
async function dialogues(context: BenchContext, system: System, count: number, statements: StatementCounter): Promise<Measured[]> {
  const firstChat = nextChatId;
  const firstUpdate = nextUpdateId;
  nextChatId += count;
  nextUpdateId += 2 * count;
  const results: Measured[] = [];
  for (const phase of PHASES) {
    const bodyOf = phase === '/start' ? (i: number) => startUpdate(firstUpdate + 2 * i, firstChat + i) : (i: number) => scoreTap(firstUpdate + 2 * i + 1, firstChat + i, i % 11);
    const inputsBefore = system.database ? await countInputs(system.database) : 0;
    const cpuBefore = { process: system.process.cpuSeconds(), postgres: postgresCpu() };
    const statementsBefore = await statements.count();
    const startedAt = performance.now();
    const { ok, failed } = await runClosedLoop({ url: `${system.process.url}${system.path}`, headers: WEBHOOK_HEADERS, bodyOf, count, concurrency: context.options.concurrency, deadlineMs: 300_000 });
    const acknowledgedAt = performance.now();
    const drain = system.database ? await waitForProcessing(system.database, { inputsBefore, acknowledged: ok, windowEndedAt: acknowledgedAt }) : undefined;
    const appliedAt = acknowledgedAt + (drain?.drainMs ?? 0);
    const applied = drain ? Math.min(ok, drain.processed) : ok;
    const statementsAfter = await statements.count();
    results.push({
      system: system.name,
      phase,
      ok,
      failed,
      acknowledgedPerSecond: ok / ((acknowledgedAt - startedAt) / 1000),
      appliedPerSecond: applied / ((appliedAt - startedAt) / 1000),
      processCpuMs: ((system.process.cpuSeconds() - cpuBefore.process) * 1000) / applied,
      postgresCpuMs: (postgresCpuSecondsSince(cpuBefore.postgres) * 1000) / applied,
      statements: statementsBefore === null || statementsAfter === null ? null : (statementsAfter - statementsBefore) / applied,
    });
  }
  return results;
}

function summarise(context: BenchContext, measured: Measured[], statementsTracked: boolean): ScenarioResult {
  const of = (system: string, phase: Phase) => measured.find((m) => m.system === system && m.phase === phase)!;
  const verdicts = PHASES.flatMap((phase) => {
    const turbota = of(TURBOTA, phase);
    const grammy = of(GRAMMY, phase);
    const baseline = of(BASELINE, phase);
    const ratio = (a: number, b: number) => `${a.toFixed(0)}/s vs ${b.toFixed(0)}/s (${(a / b).toFixed(2)}×)`;
    return [
      verdict(`${phase}: Turbota's applied steps ≥ 2× grammy's`, turbota.appliedPerSecond >= 2 * grammy.appliedPerSecond, ratio(turbota.appliedPerSecond, grammy.appliedPerSecond)),
      verdict(`${phase}: Turbota's applied steps ≥ 0.5× the bare INSERT baseline`, turbota.appliedPerSecond >= 0.5 * baseline.appliedPerSecond, ratio(turbota.appliedPerSecond, baseline.appliedPerSecond)),
      verdict(
        `${phase}: Turbota's acknowledgements ≥ 0.5× the baseline's`,
        turbota.acknowledgedPerSecond >= 0.5 * baseline.acknowledgedPerSecond,
        ratio(turbota.acknowledgedPerSecond, baseline.acknowledgedPerSecond),
      ),
    ];
  });
  const rows: Cell[][] = measured.map((m) => [
    m.system,
    m.phase,
    m.ok,
    m.failed,
    m.acknowledgedPerSecond,
    m.appliedPerSecond,
    m.processCpuMs,
    m.postgresCpuMs,
    m.statements ?? '',
  ]);
  return {
    name: 'steps',
    title: '7. Applied dialogue steps at full speed (PostgreSQL)',
    columns: ['system', 'update', 'ok', 'failed', 'acknowledged/s', 'applied/s', 'process CPU ms/step', 'PostgreSQL CPU ms/step', 'statements/step'],
    rows,
    verdicts,
    notes: [
      `A closed loop of ${context.options.concurrency} keep-alive connections posts ${context.options.steps} new customers' /start as fast as each system answers, then the same customers' taps on a score; a warm-up of the same shape runs first. "applied/s" counts from the first request until the last step was committed: at once for the baseline and grammy (they answer after applying), and for Turbota until its database held an input for every update acknowledged and its inbound queue was empty (polled every 200 ms).`,
      'CPU is read from /proc: the system\'s process, and the PostgreSQL server\'s processes (a process that ended during the phase, such as the bench\'s short polling sessions, is not counted), per applied step.',
      statementsTracked
        ? '"statements/step" is the growth of pg_stat_statements\' calls in the bench database over the phase, per applied step (the bench\'s polling included).'
        : '"statements/step" is blank: this server does not load pg_stat_statements (shared_preload_libraries).',
      'The grammy bot applies each step inline and makes its Bot API calls inside the webhook; Turbota\'s replies wait in its outbox for Telegram\'s 30 messages a second, as on the real platform.',
    ],
    raw: measured,
  };
}

async function countInputs(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM conversation_input')).rows[0].n;
  } finally {
    await client.end();
  }
}

/** Clock ticks each `postgres` process on this machine has used so far, by pid. */
function postgresCpu(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      if (stat.slice(open + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ticks;
}

/** CPU seconds the `postgres` processes used since `before` (one that ended meanwhile is not counted: the bench's short polling sessions). */
function postgresCpuSecondsSince(before: Map<string, number>): number {
  let ticks = 0;
  for (const [pid, now] of postgresCpu()) ticks += now - (before.get(pid) ?? 0);
  return ticks / 100;
}

/** Calls PostgreSQL counted in the bench database, when the server loads pg_stat_statements. */
class StatementCounter {
  private constructor(
    private readonly client: Client | null,
    readonly available: boolean,
  ) {}

  static async open(url: string): Promise<StatementCounter> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await client.query('SELECT count(*) FROM pg_stat_statements');
      return new StatementCounter(client, true);
    } catch {
      await client.end();
      return new StatementCounter(null, false);
    }
  }

  async count(): Promise<number | null> {
    if (!this.client) return null;
    const { rows } = await this.client.query<{ calls: string }>(
      'SELECT coalesce(sum(calls), 0)::bigint AS calls FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())',
    );
    return Number(rows[0].calls);
  }

  async close(): Promise<void> {
    await this.client?.end();
  }
}
