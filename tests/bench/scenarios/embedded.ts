import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCells, type LoadResult, runOpenLoop } from '../load';
import { type BenchProcess, startTarget, startTurbota } from '../processes';
import { type Cell, type ScenarioResult } from '../report';
import { type BenchContext, sleep, turbotaEnv } from '../scenario';
import { BENCH_SECRET, BENCH_TOKEN, npsDialogues, WEBHOOK_HEADERS } from '../updates';

const BASELINE = 'baseline (node:http + INSERT into PGlite)';
const TURBOTA = 'Turbota (npm start: PGlite)';
const DRAIN_TIMEOUT_MS = 60_000;

interface System {
  name: string;
  process: BenchProcess;
  path: string;
  /** Turbota: its queue is read from its metrics (no other process may open its embedded database). */
  turbota: boolean;
}

interface Step extends LoadResult {
  system: string;
  rate: number;
  cpuMsPerUpdate: number;
  /** Turbota: steps applied a second, from the step's start until its queue had applied everything it queued. */
  appliedPerSecond?: number;
  drainMs?: number;
}

let nextChatId = 9_000_000;
let nextUpdateId = 90_000_000;

/**
 * Bench 8: the embedded database every first user runs on (`npm start`: one process, PGlite
 * beside it). The same load as the ingest (new customers' /start, then a score tap) at the
 * `--embedded-rates`, into Turbota as `npm start` runs it and into a bare server doing one
 * INSERT per update into PGlite in its own process.
 */
export async function embeddedScenario(context: BenchContext): Promise<ScenarioResult> {
  const fake = await startTarget('fake-bot-api', { BENCH_BOT_TOKEN: BENCH_TOKEN });
  const systems: System[] = [];
  try {
    systems.push({
      name: BASELINE,
      process: await startTarget('baseline-pglite', { BENCH_WEBHOOK_SECRET: BENCH_SECRET, BENCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'turbota-bench-pglite-')) }),
      path: '/',
      turbota: false,
    });
    context.log('embedded: starting Turbota as npm start runs it (one process, PGlite)');
    // Without DATABASE_URL: the embedded database in the process's own data folder.
    const embedded = turbotaEnv(context, fake.url);
    delete embedded.DATABASE_URL;
    systems.push({ name: TURBOTA, process: await startTurbota('standalone', embedded), path: '/webhooks/telegram', turbota: true });
    for (const system of systems) await step(context, system, 20, 2, true);
    const steps: Step[] = [];
    for (const rate of context.options.embeddedRates) {
      for (const system of systems) {
        context.log(`embedded: ${system.name} at ${rate}/s for ${context.options.stepSeconds} s`);
        steps.push(await step(context, system, rate, context.options.stepSeconds));
      }
    }
    return summarise(steps);
  } finally {
    await Promise.all([...systems.map((s) => s.process.stop()), fake.stop()]);
  }
}

async function step(context: BenchContext, system: System, rate: number, seconds: number, warmUp = false): Promise<Step> {
  const durationMs = seconds * 1000;
  const steps = npsDialogues({ firstChatId: nextChatId, firstUpdateId: nextUpdateId, perSecond: rate, durationMs });
  nextChatId += steps.length;
  nextUpdateId += 2 * steps.length;
  const cpuBefore = system.process.cpuSeconds();
  const startedAt = performance.now();
  const result = await runOpenLoop({ url: `${system.process.url}${system.path}`, headers: WEBHOOK_HEADERS, steps, concurrency: context.options.concurrency, durationMs, drainMs: warmUp ? 30_000 : 6_000 });
  const drainMs = system.turbota ? await drained(system.process.url, result.windowEndedAt) : undefined;
  const cpuMsPerUpdate = result.ok ? ((system.process.cpuSeconds() - cpuBefore) * 1000) / result.ok : NaN;
  const appliedPerSecond = drainMs === undefined ? undefined : result.ok / ((result.windowEndedAt - startedAt + drainMs) / 1000);
  return { ...result, system: system.name, rate, cpuMsPerUpdate, appliedPerSecond, drainMs };
}

/**
 * Polls Turbota's metrics until its queue applied all it queued (an input a webhook applied
 * itself was applied before its answer); answers the time from the end of the load's window.
 */
async function drained(url: string, windowEndedAt: number): Promise<number> {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const counter = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
    const waiting = counter('turbota_inbound_queued_total') - counter('turbota_inbound_applied_total') - counter('turbota_inbound_failed_total');
    const now = performance.now();
    if (waiting <= 0) return Math.max(0, now - windowEndedAt);
    if (now > deadline) return NaN;
    await sleep(100);
  }
}

function summarise(steps: Step[]): ScenarioResult {
  const rows: Cell[][] = steps.map((s) => [
    s.system,
    s.rate,
    ...loadCells(s),
    s.cpuMsPerUpdate,
    s.appliedPerSecond ?? '',
    s.drainMs === undefined ? '' : s.drainMs / 1000,
  ]);
  // Recorded, not judged: the embedded database has no target.
  const figures = steps
    .filter((s) => s.system === TURBOTA)
    .map((s) => {
      const baseline = steps.find((b) => b.system === BASELINE && b.rate === s.rate)!;
      const applied = s.appliedPerSecond ?? NaN;
      return `At ${s.rate}/s Turbota applied ${applied.toFixed(0)} steps/s against the baseline's ${baseline.achievedPerSecond.toFixed(0)} INSERTs/s (${(applied / baseline.achievedPerSecond).toFixed(2)}×); p99 ${s.p99Ms.toFixed(0)} ms against ${baseline.p99Ms.toFixed(0)} ms.`;
    });
  return {
    name: 'embedded',
    title: '8. The embedded database (npm start, PGlite)',
    columns: ['system', 'offered/s', 'sent', 'ok', 'failed', 'achieved/s', 'p50 ms', 'p99 ms', 'max ms', 'CPU ms/update', 'applied/s', 'drain s'],
    rows,
    verdicts: [],
    notes: [
      ...figures,
      'Turbota runs as `npm start` does: one process (API and bot) on PGlite in its data folder, served to its own pool over a local socket. The baseline keeps PGlite in its own process and INSERTs each update into it, answering after the INSERT.',
      '"applied/s" (Turbota): updates answered OK over the step\'s window plus "drain s", the time after the window until the process\'s inbound queue had applied all it queued (`turbota_inbound_queued_total` against `turbota_inbound_applied_total`, polled every 100 ms); the baseline applies inline.',
    ],
    raw: steps,
  };
}
