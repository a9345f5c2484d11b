import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from '@turbota/persistence';
import { recordFigures } from '../../support/figures';
import { databaseKind, openTestDatabase } from '../../support/test-database';
import { bearer, startTestApp, TEST_ADMIN_KEY, type TestApp } from '../../support/test-app';
import { TurbotaProcess } from '../../support/turbota-process';
import { waitFor } from '../../support/wait-for';

jest.setTimeout(120_000);

const DESCRIPTORS = 1_024;
const STALLED_BODIES = 1_000;
const STALLED_HEADERS = 100;
// The defaults, spelled out for the arithmetic below: the embedded database keeps its own files open.
const MAX_CONNECTIONS = process.env.TEST_DATABASE_URL ? 800 : 500;
const REQUEST_TIMEOUT_S = 10; // shorter than the default 30 s, to keep the test short
const HEADERS_TIMEOUT_S = 5;

/** One hostile connection and what became of it. */
interface Stalled {
  kind: 'body' | 'headers';
  openedAt: number;
  closedAt?: number;
  received: string;
}

function stall(url: URL, kind: Stalled['kind'], target: string): { record: Stalled; socket: Socket } {
  const record: Stalled = { kind, openedAt: Date.now(), received: '' };
  const socket = connect(Number(url.port), '127.0.0.1');
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (record.received += chunk));
  socket.on('error', () => undefined);
  socket.once('close', () => (record.closedAt = Date.now()));
  socket.on('connect', () => {
    socket.write(
      kind === 'body'
        ? `POST ${target} HTTP/1.1\r\nHost: turbota\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"name":`
        : `POST ${target} HTTP/1.1\r\nHost: turbota\r\nContent-Type: app`,
    );
  });
  return { record, socket };
}

/**
 * Answers a page's status and how long it took, or status 0 and why the connection failed. Each
 * check opens a connection of its own, as a monitor's probe does: it must be let in past the
 * flood, not ride on a connection let in before it.
 */
function timed(url: string): Promise<{ status: number; ms: number; error?: string }> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: ms() }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', (error) => resolve({ status: 0, ms: ms(), error: error.message }));
    req.end();
  });
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

describe(`slow clients against a process with ${DESCRIPTORS} file descriptors (${databaseKind})`, () => {
  let database: DatabaseHandle | undefined;
  let dataDir: string | undefined;
  let server: TurbotaProcess;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const env: Record<string, string> = {
      HTTP_REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_S),
      HTTP_HEADERS_TIMEOUT_SECONDS: String(HEADERS_TIMEOUT_S),
      CHAT_SESSION_RATE_LIMIT_PER_MINUTE: '0',
    };
    if (process.env.TEST_DATABASE_URL) {
      database = await openTestDatabase();
      env.DATABASE_URL = database.url;
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'turbota-slow-clients-'));
      env.DATA_DIR = dataDir;
    }
    server = await (await TurbotaProcess.start('standalone', env, { fileDescriptors: DESCRIPTORS })).ready();
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await server?.stop('SIGKILL');
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps /health and /chat answering while 1,100 clients stall, cuts the stalled ones and logs no EMFILE', async () => {
    const url = new URL(server.url);
    const idleDescriptors = readdirSync(`/proc/${server.pid}/fd`).length;
    const flood: Stalled[] = [];
    // 1,000 bodies that never arrive (on a JSON route, an anonymous CSV import, a web chat
    // session) and 100 requests whose headers never end.
    const targets = ['/api/v1/contacts', '/api/v1/imports/contacts', '/chat/api/sessions'];
    for (let i = 0; i < STALLED_BODIES + STALLED_HEADERS; i++) {
      const { record, socket } = stall(url, i < STALLED_BODIES ? 'body' : 'headers', targets[i % targets.length]);
      flood.push(record);
      sockets.push(socket);
      if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const floodedAt = Date.now();

    // While the flood holds: what a monitor and a customer see, and the descriptors in use.
    const health: { status: number; ms: number }[] = [];
    const chat: { status: number; ms: number }[] = [];
    let peakDescriptors = 0;
    for (let round = 0; round < 20 && flood.some((s) => s.closedAt === undefined); round++) {
      health.push(await timed(`${server.url}/health`));
      chat.push(await timed(`${server.url}/chat`));
      peakDescriptors = Math.max(peakDescriptors, readdirSync(`/proc/${server.pid}/fd`).length);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    // Every stalled client is cut, by the deadlines or to make room, within the request timeout and a margin.
    await waitFor(() => (flood.every((s) => s.closedAt !== undefined) ? true : undefined), (REQUEST_TIMEOUT_S + 20) * 1000);
    const after = await timed(`${server.url}/health`);

    const timedOut = flood.filter((s) => s.received.startsWith('HTTP/1.1 408'));
    const closedSilently = flood.filter((s) => s.received === '');
    const cutAfter = (of: Stalled[]) => of.map((s) => s.closedAt! - s.openedAt);
    const figures = {
      descriptors: DESCRIPTORS,
      stalledBodies: STALLED_BODIES,
      stalledHeaders: STALLED_HEADERS,
      maxConnections: MAX_CONNECTIONS,
      requestTimeoutSeconds: REQUEST_TIMEOUT_S,
      headersTimeoutSeconds: HEADERS_TIMEOUT_S,
      answered408: timedOut.length,
      closedWithoutAnswer: closedSilently.length,
      cutAfterMsMedian408: percentile(cutAfter(timedOut), 0.5),
      cutAfterMsMax408: percentile(cutAfter(timedOut), 1),
      bodiesClosedToMakeRoom: closedSilently.filter((s) => s.kind === 'body').length,
      headersCutAfterMsMedian: percentile(cutAfter(flood.filter((s) => s.kind === 'headers' && s.received === '')), 0.5),
      cutAfterMsMaxAll: percentile(cutAfter(flood), 1),
      allCutWithinMs: Math.max(...flood.map((s) => s.closedAt!)) - floodedAt,
      healthChecks: health.length,
      healthMsMedian: percentile(health.map((h) => h.ms), 0.5),
      healthMsMax: percentile(health.map((h) => h.ms), 1),
      chatMsMax: percentile(chat.map((c) => c.ms), 1),
      idleDescriptors,
      peakDescriptors,
    };
    recordFigures('hostile', 'slowClients', figures);

    expect(health.length).toBeGreaterThan(0);
    expect(health.filter((h) => h.status !== 200)).toEqual([]);
    expect(chat.filter((c) => c.status !== 200)).toEqual([]);
    expect(after.status).toBe(200);
    // Past the cap, newcomers take the place of the clients that waited longest: at least the
    // connections over the cap were closed without an answer rather than held.
    expect(closedSilently.length).toBeGreaterThanOrEqual(STALLED_BODIES + STALLED_HEADERS - MAX_CONNECTIONS);
    // The bodies still held when their deadline came were answered 408 (an anonymous import too).
    expect(timedOut.length).toBeGreaterThan(0);
    expect(timedOut.some((s) => s.received.includes('Request Timeout'))).toBe(true);
    expect(peakDescriptors).toBeLessThan(DESCRIPTORS);
    expect(server.output.filter((line) => /EMFILE|too many open files/i.test(line))).toEqual([]);
  });
});

/** A body whose second half arrives after `pauseMs`: answers the status, or 0 when the connection was cut. */
function slowBody(url: string, options: { key?: string; type: string; parts: [string, string]; pauseMs: number }): Promise<number> {
  return new Promise((resolve) => {
    const headers = { 'Content-Type': options.type, ...(options.key ? bearer(options.key) : {}) };
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.write(options.parts[0]);
    setTimeout(() => req.end(options.parts[1]), options.pauseMs);
  });
}

const CSV: [string, string] = ['externalId,channel,address,occurredAt\n', 'slow-1,telegram,5200001,2026-12-06T10:00:00Z\n'];
const JSON_BODY: [string, string] = ['{"externalId":"slow-2","customer":{"channel":"telegram",', '"address":"5200002"},"occurredAt":"2026-12-06T10:00:00Z"}'];

describe(`the long upload allowance (${databaseKind})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { HTTP_REQUEST_TIMEOUT_SECONDS: '1' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is granted to an import whose API key was accepted, never to an anonymous one or another route', async () => {
    const pauseMs = 2_500;
    const [authenticated, anonymous, otherRoute] = await Promise.all([
      slowBody(`${t.url}/api/v1/imports/contacts`, { key: TEST_ADMIN_KEY, type: 'text/csv', parts: CSV, pauseMs }),
      slowBody(`${t.url}/api/v1/imports/contacts`, { type: 'text/csv', parts: CSV, pauseMs }),
      slowBody(`${t.url}/api/v1/contacts`, { key: TEST_ADMIN_KEY, type: 'application/json', parts: JSON_BODY, pauseMs }),
    ]);
    expect(authenticated).toBe(200);
    expect(anonymous).toBe(401); // refused at once; its body is then cut at the short timeout
    expect([0, 408]).toContain(otherRoute);
  });
});
