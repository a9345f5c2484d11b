import { runClosedLoop } from '../load';
import { withoutDrawnQuestions } from '../policies';
import { startTarget, startTurbota } from '../processes';
import { type ScenarioResult, verdict } from '../report';
import { type BenchContext, turbotaEnv } from '../scenario';
import { BENCH_TOKEN, startUpdate, WEBHOOK_HEADERS } from '../updates';

interface Sample {
  seconds: number;
  dialogues: number;
  rssMb: number;
  /** V8 heap in use, from the process's own /metrics: tells a leak from a heap not yet collected. */
  heapUsedMb: number;
}

const MB = 2 ** 20;
// "Flat": under one megabyte per ten thousand open dialogues, i.e. ~100 bytes each at most.
const FLAT_MB_PER_10K = 1;
const FIRST_CHAT = 500_000_000;
// Enough to keep both cores busy; more only adds lock waits (see the ingest notes).
const IN_FLIGHT = 8;

/**
 * Bench 4: a fresh apps/bot process takes /start from distinct customers, leaving each
 * dialogue open at its first question, while its RSS is sampled every second.
 */
export async function memoryScenario(context: BenchContext): Promise<ScenarioResult> {
  const fake = await startTarget('fake-bot-api', { BENCH_BOT_TOKEN: BENCH_TOKEN });
  const env = turbotaEnv(context, fake.url);
  const bot = await withoutDrawnQuestions(env)
    .then(() => startTurbota('bot', env))
    .catch(async (error: unknown) => {
      await fake.stop();
      throw error;
    });
  const samples: Sample[] = [];
  const startedAt = Date.now();
  let answered = 0;
  const sample = async () => {
    const metrics = await (await fetch(`${bot.url}/metrics`)).text();
    const heapUsed = Number(/^nodejs_heap_size_used_bytes (\d+)/m.exec(metrics)?.[1] ?? NaN);
    samples.push({ seconds: (Date.now() - startedAt) / 1000, dialogues: answered, rssMb: bot.rss() / MB, heapUsedMb: heapUsed / MB });
  };
  await sample();
  const timer = setInterval(() => void sample().catch(() => undefined), 1000);
  let outcome: { ok: number; failed: number };
  try {
    outcome = await runClosedLoop({
      url: `${bot.url}/webhooks/telegram`,
      headers: WEBHOOK_HEADERS,
      bodyOf: (i) => startUpdate(FIRST_CHAT + i, FIRST_CHAT + i),
      count: context.options.dialogues,
      concurrency: IN_FLIGHT,
      deadlineMs: context.options.memorySeconds * 1000,
      onAnswered: (n) => {
        answered = n;
        if (n % 10_000 === 0) context.log(`memory: ${n} dialogues open, RSS ${(bot.rss() / MB).toFixed(0)} MB`);
      },
    });
    await sample();
  } finally {
    clearInterval(timer);
    await Promise.all([bot.stop(), fake.stop()]);
  }
  return summarise(context, samples, outcome);
}

function summarise(context: BenchContext, samples: Sample[], outcome: { ok: number; failed: number }): ScenarioResult {
  const opened = outcome.ok;
  // The first tenth is warm-up (JIT, pools, caches filling); the slope is read from the rest.
  const steady = samples.filter((s) => s.dialogues >= opened / 10);
  const slope = leastSquaresSlope(steady.map((s) => s.dialogues / 10_000), steady.map((s) => s.rssMb));
  const heapSlope = leastSquaresSlope(steady.map((s) => s.dialogues / 10_000), steady.map((s) => s.heapUsedMb));
  const tenths = Array.from({ length: 11 }, (_, i) => samples.find((s) => s.dialogues >= (opened * i) / 10) ?? samples[samples.length - 1]);
  const peak = Math.max(...samples.map((s) => s.rssMb));
  const seconds = samples[samples.length - 1].seconds;
  const reached = opened >= context.options.dialogues;
  return {
    name: 'memory',
    title: '4. Memory across open dialogues (apps/bot RSS)',
    columns: ['open dialogues', 'seconds', 'RSS MB', 'heap used MB'],
    rows: tenths.map((s) => [s.dialogues, s.seconds, s.rssMb, s.heapUsedMb]),
    verdicts: [
      verdict(`RSS flat (slope < ${FLAT_MB_PER_10K} MB per 10,000 open dialogues after warm-up)`, slope < FLAT_MB_PER_10K, `${slope.toFixed(2)} MB per 10,000; peak ${peak.toFixed(0)} MB`),
    ],
    notes: [
      `V8 heap in use grew ${heapSlope.toFixed(2)} MB per 10,000 dialogues over the same samples (garbage not yet collected counts too).`,
      'Every policy draws no extra questions (maxQuestions 0), as in the runs before the draw log replaced the shared counter row (BENCHMARKS.md, gap 1), so that the figures compare; what an open dialogue holds is the same.',
      `${opened} dialogues opened (${outcome.failed} refused) in ${seconds.toFixed(0)} s, ${(opened / seconds).toFixed(0)}/s with ${IN_FLIGHT} requests in flight` +
        (reached ? '.' : `; the time cap (${context.options.memorySeconds} s) came before the ${context.options.dialogues} asked for.`),
    ],
    raw: { samples, slopeMbPer10k: slope, heapSlopeMbPer10k: heapSlope, opened, failed: outcome.failed },
  };
}

function leastSquaresSlope(xs: number[], ys: number[]): number {
  if (xs.length < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}
