import { recordFigures } from '../../support/figures';
import { FuzzRandom } from './fuzz-random';

/** One generated request. */
export interface FuzzRequest {
  method: string;
  /** Path and query, already encoded as they go on the wire. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** How the case was made (for the figures and a failure report). */
  shape: string;
  /** The statuses the case must get, when a particular one is due (401 for a missing signature). */
  expect?: number[];
}

/** A place to send cases to, and how to make one from a seeded generator. */
export interface FuzzTarget {
  name: string;
  build(rng: FuzzRandom, caseNumber: number): FuzzRequest;
}

export interface FuzzFailure {
  seed: number;
  caseNumber: number;
  target: string;
  problem: string;
  request: { method: string; path: string; headers: Record<string, string>; shape: string; bodyBytes: number; body: string };
}

export interface FuzzFigures {
  seed: number;
  cases: number;
  byTarget: Record<string, { cases: number; statuses: Record<string, number>; milliseconds: number }>;
  byShape: Record<string, number>;
  statuses: Record<string, number>;
  serverErrors: number;
  /** Requests sent again after a connection reset (a second failure counts as a transport error). */
  resetsRetried: number;
  transportErrors: number;
  unexpectedStatuses: number;
  failures: FuzzFailure[];
}

/**
 * Sends `cases` generated requests over keep-alive connections, round robin over the targets
 * (every target gets cases), case `n` drawn from `FuzzRandom.forCase(seed, n)` alone, so any
 * failure is replayed from its seed and number. A 5xx, a broken connection or a status the
 * case was due not to get is a failure, printed with everything needed to send it again.
 */
export async function runFuzz(options: { url: string; seed: number; cases: number; targets: FuzzTarget[]; firstCase?: number; concurrency?: number }): Promise<FuzzFigures> {
  const figures: FuzzFigures = { seed: options.seed, cases: 0, byTarget: {}, byShape: {}, statuses: {}, serverErrors: 0, resetsRetried: 0, transportErrors: 0, unexpectedStatuses: 0, failures: [] };
  for (const target of options.targets) figures.byTarget[target.name] = { cases: 0, statuses: {}, milliseconds: 0 };
  const first = options.firstCase ?? 0;
  let next = first;
  const worker = async () => {
    while (next < first + options.cases) {
      const caseNumber = next++;
      const target = options.targets[caseNumber % options.targets.length];
      const request = target.build(FuzzRandom.forCase(options.seed, caseNumber), caseNumber);
      const started = performance.now();
      const counted = (status: string) => count(figures, target.name, request.shape, status);
      let problem = await send(options.url, request, counted);
      // A keep-alive socket the server closed (after refusing an unread body or oversized headers) resets
      // the request sent on it as it is reused: send again on another connection, up to three times, counted.
      for (let attempt = 0; attempt < 3 && problem?.includes('ECONNRESET'); attempt++) {
        figures.resetsRetried++;
        problem = await send(options.url, request, counted);
      }
      figures.byTarget[target.name].milliseconds += Math.round(performance.now() - started);
      if (problem) {
        if (problem.startsWith('transport')) figures.transportErrors++;
        else if (problem.startsWith('status 5')) figures.serverErrors++;
        else figures.unexpectedStatuses++;
        const failure = describe(options.seed, caseNumber, target.name, problem, request);
        figures.failures.push(failure);
        console.error(`Fuzz failure (replay with FUZZ_SEED=${options.seed}, case ${caseNumber}):\n${JSON.stringify(failure, null, 2)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 6 }, worker));
  return figures;
}

async function send(url: string, request: FuzzRequest, counted: (status: string) => void): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(`${url}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body === undefined || request.method === 'GET' ? undefined : request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    if (!(error as { cause?: { code?: string } }).cause?.code?.includes('ECONNRESET')) counted('transport');
    return `transport: ${(error as Error).message} ${(error as { cause?: Error }).cause?.message ?? ''}`;
  }
  // An event stream stays open: its status is all a case needs.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel();
  else await response.arrayBuffer();
  counted(String(response.status));
  if (response.status >= 500) return `status ${response.status}`;
  if (request.expect && !request.expect.includes(response.status)) return `status ${response.status}, expected ${request.expect.join(' or ')}`;
  return undefined;
}

function count(figures: FuzzFigures, target: string, shape: string, status: string): void {
  figures.cases++;
  const byTarget = figures.byTarget[target];
  byTarget.cases++;
  byTarget.statuses[status] = (byTarget.statuses[status] ?? 0) + 1;
  figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
  figures.byShape[shape] = (figures.byShape[shape] ?? 0) + 1;
}

function describe(seed: number, caseNumber: number, target: string, problem: string, request: FuzzRequest): FuzzFailure {
  const body = request.body ?? Buffer.alloc(0);
  const text = body.toString('utf8');
  const printable = Buffer.from(text, 'utf8').equals(body);
  return {
    seed,
    caseNumber,
    target,
    problem,
    request: {
      method: request.method,
      path: request.path.length > 2_000 ? `${request.path.slice(0, 2_000)}…` : request.path,
      headers: request.headers ?? {},
      shape: request.shape,
      bodyBytes: body.length,
      body: printable ? JSON.stringify(text.slice(0, 2_000)) : `base64:${body.subarray(0, 1_500).toString('base64')}`,
    },
  };
}

/** Collects what escapes the application while the fuzz runs: unhandled rejections, uncaught exceptions. */
export function watchProcess(): { escaped: string[]; stop(): void } {
  const escaped: string[] = [];
  const onRejection = (reason: unknown) => escaped.push(`unhandledRejection: ${(reason as Error)?.stack ?? String(reason)}`);
  const onException = (error: Error) => escaped.push(`uncaughtException: ${error?.stack ?? String(error)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    escaped,
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

export interface MemoryFigures {
  gcExposed: boolean;
  heapUsedMb: number;
  rssMb: number;
}

/** Heap and RSS, after a full collection when the process exposes `gc` (otherwise as they are). */
export function memory(): MemoryFigures {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const usage = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return { gcExposed: Boolean(gc), heapUsedMb: mb(usage.heapUsed), rssMb: mb(usage.rss) };
}

/** Records figures under `section` in test-artifacts/reliability/hostile.json. */
export const recordHostileFigures = (section: string, figures: Record<string, unknown>) => recordFigures('hostile', section, figures);
