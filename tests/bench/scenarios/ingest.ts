import { createBenchDatabase, queryOnce } from '../bench-database';
import { withoutDrawnQuestions } from '../policies';
import { loadCells, type LoadResult, runOpenLoop } from '../load';
import { type Drain, storedInputs, waitForProcessing } from '../processing-drain';
import { type BenchProcess, startTarget, startTurbota } from '../processes';
import { type Cell, type ScenarioResult, verdict } from '../report';
import { type BenchContext, turbotaEnv } from '../scenario';
import { BENCH_SECRET, BENCH_TOKEN, npsDialogues, WEBHOOK_HEADERS } from '../updates';

interface System {
  name: string;
  /** The process the load goes to. */
  process: BenchProcess;
  /** Processes of the same system that take no load (the split variant's worker), counted in its CPU. */
  helpers?: BenchProcess[];
  path: string;
  /** Turbota's own database, polled after each step for what it has processed; absent for the inline systems. */
  database?: string;
}

interface Step extends LoadResult {
  system: string;
  rate: number;
  /** CPU the system's process used per answered update, in milliseconds. */
  cpuMsPerUpdate: number;
  drain?: Drain;
  /** Turbota only: from an update's sending to its step's first reply waiting in the outbox, ms. */
  replyQueued?: { p50Ms: number; p99Ms: number; count: number };
}

const BASELINE = 'baseline (node:http + INSERT)';
const TURBOTA = 'Turbota (apps/bot)';
const GRAMMY = 'grammy + conversations + psql';
const NO_DRAW = 'Turbota, no drawn questions';
const SPLIT = 'Turbota, webhooks apart from steps';

// Each system and each step gets chat ids of its own: every customer is a new one.
let nextChatId = 1_000_000;
let nextUpdateId = 1;

/**
 * Bench 1: the same Telegram-shaped load (distinct customers starting and answering the NPS
 * question) at rising rates into Turbota, a bare INSERT-per-update server and a grammy bot
 * with conversations in PostgreSQL; the three take turns at each rate, one machine, one run.
 */
export async function ingestScenario(context: BenchContext): Promise<ScenarioResult> {
  const fake = await startTarget('fake-bot-api', { BENCH_BOT_TOKEN: BENCH_TOKEN });
  const shared = { DATABASE_URL: context.database.url, BENCH_BOT_TOKEN: BENCH_TOKEN, BENCH_WEBHOOK_SECRET: BENCH_SECRET, BENCH_API_ROOT: fake.url };
  const systems: System[] = [];
  // The second Turbota gets a database of its own: its policies are changed.
  const noDraw = context.options.drawVariant ? await createBenchDatabase('ingest_nodraw') : undefined;
  const split = context.options.splitVariant ? await createBenchDatabase('ingest_split') : undefined;
  try {
    systems.push({ name: BASELINE, process: await startTarget('baseline-server', shared), path: '/' });
    systems.push({ name: GRAMMY, process: await startTarget('grammy-bot', shared), path: '/' });
    context.log('ingest: starting Turbota (apps/bot) as shipped');
    systems.push({ name: TURBOTA, process: await startTurbota('bot', turbotaEnv(context, fake.url)), path: '/webhooks/telegram', database: context.database.url });
    if (noDraw) {
      context.log('ingest: starting Turbota (apps/bot) with no drawn questions');
      const noDrawEnv = turbotaEnv({ ...context, database: noDraw }, fake.url);
      await withoutDrawnQuestions(noDrawEnv);
      systems.push({ name: NO_DRAW, process: await startTurbota('bot', noDrawEnv), path: '/webhooks/telegram', database: noDraw.url });
    }
    if (split) {
      context.log('ingest: starting Turbota as two bot processes, webhooks (INBOUND_WORKER=false) and steps');
      const worker = await startTurbota('bot', turbotaEnv({ ...context, database: split }, fake.url));
      const front = await startTurbota('bot', { ...turbotaEnv({ ...context, database: split }, fake.url), INBOUND_WORKER: 'false' }).catch(async (error: unknown) => {
        await worker.stop();
        throw error;
      });
      systems.push({ name: SPLIT, process: front, helpers: [worker], path: '/webhooks/telegram', database: split.url });
    }
    for (const system of systems) await step(context, system, 50, 2, true);
    const steps: Step[] = [];
    for (const rate of context.options.rates) {
      for (const system of systems) {
        context.log(`ingest: ${system.name} at ${rate}/s for ${context.options.stepSeconds} s`);
        steps.push(await step(context, system, rate, context.options.stepSeconds));
      }
    }
    const variants = [noDraw, split].filter((d) => d !== undefined);
    return summarise(context, steps, [await storedInputs(context.database.url), ...(await Promise.all(variants.map((d) => storedInputs(d.url))))]);
  } finally {
    await Promise.all([...systems.flatMap((s) => [s.process, ...(s.helpers ?? [])]).map((p) => p.stop()), fake.stop()]);
    await noDraw?.drop();
    await split?.drop();
  }
}

async function step(context: BenchContext, system: System, rate: number, seconds: number, warmUp = false): Promise<Step> {
  const durationMs = seconds * 1000;
  const steps = npsDialogues({ firstChatId: nextChatId, firstUpdateId: nextUpdateId, perSecond: rate, durationMs });
  nextChatId += steps.length;
  nextUpdateId += 2 * steps.length;
  const inputsBefore = system.database ? await storedInputs(system.database) : 0;
  const cpu = () => [system.process, ...(system.helpers ?? [])].reduce((sum, p) => sum + p.cpuSeconds(), 0);
  const cpuBefore = cpu();
  const sentAt = new Map<string, number>();
  const result = await runOpenLoop({
    onSent: system.database ? (body, at) => sentAt.set(`tg:${(JSON.parse(body) as { update_id: number }).update_id}`, at) : undefined,
    url: `${system.process.url}${system.path}`,
    headers: WEBHOOK_HEADERS,
    steps,
    concurrency: context.options.concurrency,
    durationMs,
    drainMs: warmUp ? 30_000 : 6_000,
  });
  const cpuMsPerUpdate = result.ok ? ((cpu() - cpuBefore) * 1000) / result.ok : NaN;
  // Whatever was acknowledged must be processed before the next step, so that steps do not overlap.
  const drain = system.database ? await waitForProcessing(system.database, { inputsBefore, acknowledged: result.ok, windowEndedAt: result.windowEndedAt }) : undefined;
  const replyQueued = system.database && !warmUp ? await replyQueuedLatency(system.database, sentAt) : undefined;
  return { ...result, system: system.name, rate, cpuMsPerUpdate, drain, replyQueued };
}

/**
 * What a customer waits for: from each update's sending to the first reply its step queued in
 * the outbox (`message.created_at` is the step's time), over the updates that caused a reply.
 */
async function replyQueuedLatency(database: string, sentAt: Map<string, number>): Promise<Step['replyQueued']> {
  const rows = await queryOnce<{ key: string; queued: string }>(
    database,
    `SELECT i.input_key AS key, (extract(epoch FROM min(m.created_at)) * 1000)::text AS queued
     FROM conversation_input i JOIN message m ON m.input_id = i.id AND m.direction = 'out'
     WHERE i.input_key = ANY($1) GROUP BY i.input_key`,
    [[...sentAt.keys()]],
  );
  const waits = rows.map((r) => Number(r.queued) - sentAt.get(r.key)!).sort((a, b) => a - b);
  const pick = (q: number) => (waits.length ? waits[Math.min(waits.length - 1, Math.floor(q * waits.length))] : NaN);
  return { p50Ms: pick(0.5), p99Ms: pick(0.99), count: waits.length };
}

function summarise(context: BenchContext, steps: Step[], stored: number[]): ScenarioResult {
  const rows: Cell[][] = steps.map((s) => [
    s.system,
    s.rate,
    ...loadCells(s),
    s.cpuMsPerUpdate,
    ...processingCells(s),
    s.replyQueued ? s.replyQueued.p50Ms : '',
    s.replyQueued ? s.replyQueued.p99Ms : '',
  ]);
  const best = (name: string) => Math.max(...steps.filter((s) => s.system === name).map((s) => s.achievedPerSecond));
  const baseline = best(BASELINE);
  const grammy = best(GRAMMY);
  // Grammy answering the highest rate offered shows only that its ceiling is higher: twice it cannot be judged from this run.
  const top = Math.max(...steps.map((s) => s.rate));
  const grammyAtTop = steps.find((s) => s.system === GRAMMY && s.rate === top);
  const grammyKeptUp = grammyAtTop !== undefined && grammyAtTop.failed + grammyAtTop.unfinished === 0 && grammyAtTop.achievedPerSecond >= 0.8 * top;
  const turbotas = [TURBOTA, NO_DRAW, SPLIT].filter((name) => steps.some((s) => s.system === name));
  const verdicts = turbotas.flatMap((name) => {
    const turbota = best(name);
    const at300 = steps.find((s) => s.system === name && s.rate === 300);
    return [
      verdict(`${name} ≥ 50% of the baseline's best throughput`, turbota >= 0.5 * baseline, `${turbota.toFixed(0)}/s vs ${baseline.toFixed(0)}/s (${((100 * turbota) / baseline).toFixed(0)}%)`),
      verdict(
        `${name} ≥ 2× the grammy alternative's best throughput`,
        turbota >= 2 * grammy ? true : grammyKeptUp ? undefined : false,
        `${turbota.toFixed(0)}/s vs ${grammy.toFixed(0)}/s (${(turbota / grammy).toFixed(2)}×)${grammyKeptUp ? `; grammy kept up with the highest rate offered (${top}/s), so neither ceiling was reached: add a step at 1000/s or more (--rates)` : ''}`,
      ),
      ...(at300
        ? [
            verdict(`${name}: p99 < 50 ms at 300 updates/s, nothing failed`, at300.p99Ms < 50 && at300.failed + at300.unfinished === 0, `p99 ${at300.p99Ms.toFixed(1)} ms, ${at300.failed + at300.unfinished} failed`),
            ...(at300.drain && at300.replyQueued
              ? [
                  verdict(
                    `${name} at 300 updates/s: the inbound queue drained within 1 s of the load's end, and a reply queued within 100 ms of its update (p99)`,
                    at300.drain.complete && at300.drain.drainMs <= 1000 && at300.replyQueued.p99Ms < 100,
                    `drained in ${(at300.drain.drainMs / 1000).toFixed(1)} s, reply queued p99 ${at300.replyQueued.p99Ms.toFixed(0)} ms`,
                  ),
                ]
              : []),
          ]
        : []),
    ];
  });
  return {
    name: 'ingest',
    title: '1. Webhook ingest (PostgreSQL)',
    columns: ['system', 'offered/s', 'sent', 'ok', 'failed', 'achieved/s', 'p50 ms', 'p99 ms', 'max ms', 'CPU ms/update', 'processed/s', 'drain s', 'reply queued p50 ms', 'reply queued p99 ms'],
    rows,
    verdicts,
    notes: [
      ...turbotas.map((name) => {
        const processed = Math.max(...steps.filter((s) => s.system === name).map(processedPerSecond));
        return `${name} processed at best ${processed.toFixed(0)} updates/s (dialogue steps applied, acknowledged or queued): ${((100 * processed) / baseline).toFixed(0)}% of the baseline's best, ${(processed / grammy).toFixed(2)}× grammy's.`;
      }),
      `Each customer sends /start, then taps a score 500 ms later (or as soon as /start was answered; a failed /start has no tap); open-loop, at most ${context.options.concurrency} sockets; latency counts from when a request was due, so client-side queueing shows; "achieved/s" is answered-OK updates over the step (or until the last answer, if later).`,
      ...(turbotas.includes(NO_DRAW)
        ? [`"${NO_DRAW}" (--draw-variant) is the same build with every policy at maxQuestions 0 (set through the API), which draws nothing for a new conversation (no draw-log rows, no counts read for a draw): the difference between the two Turbota rows is what drawing questions costs.`]
        : []),
      ...(turbotas.includes(SPLIT)
        ? [`"${SPLIT}" (--split-variant) is the same build as two bot processes on a database of their own: the load goes to one with INBOUND_WORKER=false, which stores every input in the inbound queue and answers; the other takes no load and applies the queue. Its CPU ms/update is both processes'.`]
        : []),
      `Turbota stored ${stored.join(' and ')} inputs (conversation_input) in the whole run, warm-up included; its replies leave through the outbox at Telegram's 30/s, so most are still queued when a step ends, as they would be on the real platform.`,
      '"processed/s" (Turbota only; the baseline and grammy process inline): inputs the step added to conversation_input over the step\'s window plus "drain s", the time from the end of that window until the database held an input for every update answered OK and its inbound queue (inbound_update, where the schema has one) was empty; 0 when it already did at the first look, right after the step; polled every 200 ms, given up after 60 s.',
      '"reply queued" (Turbota only): from when the bench sent an update to when its step wrote its first reply to the outbox (the step\'s time on the reply, the same machine\'s clock), p50 and p99 over the updates that caused a reply; what a customer waits for before the platform\'s own pace.',
      `Failed answers by status: ${failureSummary(steps) || 'none'}.`,
      'The grammy bot makes its Bot API calls (reply, answerCallbackQuery, edit) inside the webhook, as webhookCallback does by default; the fake answers them at once.',
    ],
    raw: steps,
  };
}

/** Inputs the step's updates became, over the step's window and the drain after it. */
function processedPerSecond(step: Step): number {
  return step.drain ? step.drain.processed / (step.windowMs / 1000 + step.drain.drainMs / 1000) : 0;
}

/** "processed/s" and "drain s" of a Turbota step; blank for the systems that process inline. */
function processingCells(step: Step): Cell[] {
  const { drain } = step;
  if (!drain) return ['', ''];
  const seconds = drain.drainMs / 1000;
  const perSecond = processedPerSecond(step);
  if (drain.complete) return [perSecond, seconds];
  return [perSecond, `> ${seconds.toFixed(0)} (${Math.max(0, step.ok - drain.processed)} unprocessed, ${drain.queued} queued)`];
}

function failureSummary(steps: Step[]): string {
  return steps
    .filter((s) => s.failed + s.unfinished > 0)
    .map((s) => `${s.system} at ${s.rate}/s: ${Object.entries({ ...s.failures, ...(s.unfinished ? { unanswered: s.unfinished } : {}) }).map(([k, v]) => `${v} × ${k}`).join(', ')}`)
    .join('; ');
}
