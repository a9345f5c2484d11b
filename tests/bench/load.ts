import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Cell } from './report';

/** One request of a load: when it is due (ms from the start) and, optionally, a follow-up. */
export interface LoadStep {
  at: number;
  body: string;
  /** Sent `delayMs` after this step's due time, but never before this step has been answered. */
  then?: { delayMs: number; body: string };
}

/** What one open-loop run achieved. */
export interface LoadResult {
  offeredPerSecond: number;
  sent: number;
  ok: number;
  failed: number;
  /** Requests still unanswered when the drain time ran out. */
  unfinished: number;
  /** Answers other than 2xx by status (`error` for a broken connection). */
  failures: Record<string, number>;
  achievedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The step's window: from the start to its last due time, or to its last OK answer if later. */
  windowMs: number;
  /** When that window ended, on the performance.now() clock. */
  windowEndedAt: number;
}

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  steps: LoadStep[];
  /** Sockets open at once; further requests queue in the client, and their wait counts as latency. */
  concurrency: number;
  durationMs: number;
  /** How long after the last due time unanswered requests are still waited for. */
  drainMs: number;
  /** Told of each request as it leaves, with the wall clock (for what the server did with it later). */
  onSent?: (body: string, sentAtMs: number) => void;
}

/**
 * Fires the steps open-loop: each at its due time whatever the server's pace (so a slow
 * server cannot slow the offered load, and queueing shows in the latency, measured from
 * when a request was due rather than from when a socket was free).
 */
export async function runOpenLoop(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(options.url);
  const latencies: number[] = [];
  let sent = 0;
  let failed = 0;
  let outstanding = 0;
  let lastDoneAt = 0;
  const failures: Record<string, number> = {};
  const t0 = performance.now();

  const fire = (body: string, dueAt: number): Promise<boolean> => {
    sent++;
    options.onSent?.(body, Date.now());
    outstanding++;
    return new Promise<boolean>((resolve) => {
      const finish = (ok: boolean, status = 'error') => {
        outstanding--;
        const now = performance.now();
        if (ok) {
          latencies.push(now - t0 - dueAt);
          lastDoneAt = now;
        } else {
          failed++;
          failures[status] = (failures[status] ?? 0) + 1;
        }
        resolve(ok);
      };
      const req = request(
        { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...options.headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => finish((res.statusCode ?? 500) < 300, String(res.statusCode)));
          res.on('error', () => finish(false));
        },
      );
      req.on('error', () => finish(false));
      req.end(body);
    });
  };

  const followUp = (step: LoadStep) => {
    const next = step.then!;
    const dueAt = Math.max(step.at + next.delayMs, performance.now() - t0);
    setTimeout(() => void fire(next.body, dueAt), Math.max(0, t0 + dueAt - performance.now()));
  };

  await new Promise<void>((resolve) => {
    let index = 0;
    const tick = () => {
      const now = performance.now() - t0;
      for (; index < options.steps.length && options.steps[index].at <= now; index++) {
        const step = options.steps[index];
        void fire(step.body, step.at).then((ok) => ok && step.then && followUp(step));
      }
      if (index < options.steps.length) setTimeout(tick, 2);
      else resolve();
    };
    tick();
  });
  const drainUntil = performance.now() + options.drainMs;
  // Follow-ups of the last steps are scheduled after them: wait for those too.
  while ((outstanding > 0 || performance.now() - t0 < options.durationMs + 1000) && performance.now() < drainUntil) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const unfinished = outstanding;
  const failedBeforeDrainEnd = failed;
  const failuresBeforeDrainEnd = { ...failures };
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN);
  const windowMs = Math.max(lastDoneAt - t0, options.durationMs);
  return {
    offeredPerSecond: Math.round(sent / (options.durationMs / 1000)),
    sent,
    ok: latencies.length,
    failed: failedBeforeDrainEnd,
    unfinished,
    failures: failuresBeforeDrainEnd,
    achievedPerSecond: latencies.length / (windowMs / 1000),
    p50Ms: pick(0.5),
    p99Ms: pick(0.99),
    maxMs: latencies.length ? latencies[latencies.length - 1] : NaN,
    windowMs,
    windowEndedAt: t0 + windowMs,
  };
}

/**
 * Sends `count` requests (`bodyOf(i)`), `concurrency` at a time, as fast as the server answers,
 * until done or `deadlineMs` has passed; answers how many were answered 2xx and how many not.
 */
export async function runClosedLoop(options: {
  url: string;
  headers: Record<string, string>;
  bodyOf: (i: number) => string;
  count: number;
  concurrency: number;
  deadlineMs: number;
  onAnswered?: (answered: number) => void;
}): Promise<{ ok: number; failed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(options.url);
  const deadline = Date.now() + options.deadlineMs;
  let next = 0;
  let ok = 0;
  let failed = 0;
  const post = (body: string) =>
    new Promise<boolean>((resolve) => {
      const req = request(
        { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...options.headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve((res.statusCode ?? 500) < 300));
          res.on('error', () => resolve(false));
        },
      );
      req.on('error', () => resolve(false));
      req.end(body);
    });
  const worker = async () => {
    while (next < options.count && Date.now() < deadline) {
      if (await post(options.bodyOf(next++))) ok++;
      else failed++;
      options.onAnswered?.(ok);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  agent.destroy();
  return { ok, failed };
}

/** An open loop's figures as a table's cells: sent, ok, failed (unanswered included), achieved/s, p50, p99 and max ms. */
export function loadCells(result: LoadResult): Cell[] {
  return [result.sent, result.ok, result.failed + result.unfinished, result.achievedPerSecond, result.p50Ms, result.p99Ms, result.maxMs];
}
