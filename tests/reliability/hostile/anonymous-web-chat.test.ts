import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { browserAvailable, launchBrowser } from '../../support/browser';
import { ChatClient } from '../../support/chat-client';
import { recordFigures } from '../../support/figures';
import { startTestApp, type TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';

jest.setTimeout(180_000);

/** The defaults under test (README's configuration table). */
const SESSION_INPUTS = 20;
const ADDRESS_INPUTS = 120;
const SESSION_STREAMS = 3;
const ADDRESS_STREAMS = 10;
const FLOOD = 30;
const STREAMS = 2_000;

/** A request that gets no answer says which one, instead of the test's timeout saying nothing. */
const answered = <T>(what: string, request: Promise<T>, ms = 30_000): Promise<T> =>
  Promise.race([request, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no response headers within ${ms} ms`)), ms).unref())]);

const addressOf = (session: string) => createHash('sha256').update(session).digest('hex');
const neverIssued = () => `wc_${randomBytes(32).toString('base64url')}`;

/** The `/complain` sequence of issue 18, as the page sends it: the command, the words, "yes" to a call-back, a phone. */
const complaintSequence = (i: number) => [
  { kind: 'command', command: 'complain' },
  { kind: 'text', text: `Complaint number ${i}` },
  { kind: 'choice', code: 'yes' },
  { kind: 'contact', phone: '+380 67 123 45 67' },
];

/**
 * Issue 18: "The only anonymous limit covers opening sessions, not the inputs inside one": one
 * anonymous session repeating /complain → text → consent → phone made 30 incidents in 2 s; and
 * "event streams for tokens never issued": 2,000 streams each polled the database every 1.5 s.
 */
describe(`Anonymous web chat budgets (${databaseKind})`, () => {
  let t: TestApp;
  let db: DataSource;
  const figures: Record<string, unknown> = { sessionInputsPerMinute: SESSION_INPUTS, addressInputsPerMinute: ADDRESS_INPUTS, streamsPerSession: SESSION_STREAMS, streamsPerAddress: ADDRESS_STREAMS };

  beforeAll(async () => {
    // The defaults, with the client address read from X-Forwarded-For so that each test is its own customer.
    t = await startTestApp({ env: { DEFAULT_LOCALE: 'en', TRUST_PROXY: 'loopback' } });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    recordFigures('hostile', 'anonymousWebChat', figures);
  });

  const from = (address: string) => ({ 'Content-Type': 'application/json', 'X-Forwarded-For': address });
  const open = async (address: string, locale = 'en') => {
    const res = await answered('opening a session', fetch(`${t.url}/chat/api/sessions`, { method: 'POST', headers: from(address), body: JSON.stringify({ locale }) }));
    expect(res.status).toBe(200);
    return ((await res.json()) as { session: string }).session;
  };
  const send = (session: string, address: string, input: unknown, id: string = randomUUID()) =>
    fetch(`${t.url}/chat/api/sessions/${session}/inputs`, { method: 'POST', headers: from(address), body: JSON.stringify({ id, input }) });
  const stream = (session: string, address: string, signal?: AbortSignal) =>
    answered('an event stream', fetch(`${t.url}/chat/api/sessions/${session}/events`, { headers: { 'X-Forwarded-For': address }, signal }));
  const count = async (sql: string, params: unknown[]) => (await db.query<{ n: number }[]>(sql, params))[0].n;
  /** The session's stored inputs and messages. */
  const storedOf = async (session: string) => [
    await count(`SELECT count(*)::int AS n FROM conversation_input ci JOIN customer_identity i ON i.id = ci.identity_id WHERE i.address = $1`, [addressOf(session)]),
    await count(`SELECT count(*)::int AS n FROM message m JOIN customer_identity i ON i.id = m.identity_id WHERE i.address = $1`, [addressOf(session)]),
  ];

  it('answers inputs past one session\'s budget with 429 and Retry-After, and stores nothing past it', async () => {
    const address = '198.51.100.1';
    const session = await open(address);
    const started = Date.now();
    const statuses: number[] = [];
    let refused: Response | undefined;
    let atFirstRefusal: number[] | undefined;
    let lastAccepted: { id: string; input: unknown } | undefined;
    for (let i = 1; i <= FLOOD; i++) {
      for (const input of complaintSequence(i)) {
        const id = randomUUID();
        const res = await send(session, address, input, id);
        statuses.push(res.status);
        if (res.status === 200) lastAccepted = { id, input };
        if (res.status === 429 && !refused) {
          refused = res;
          atFirstRefusal = await storedOf(session);
        } else await res.arrayBuffer();
      }
    }
    const elapsedMs = Date.now() - started;
    expect(statuses.slice(0, SESSION_INPUTS).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(SESSION_INPUTS).every((s) => s === 429)).toBe(true);
    const retryAfter = Number(refused!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await refused!.json()) as { message: string }).message).toBe(`This chat session sent more than ${SESSION_INPUTS} inputs a minute; retry after ${retryAfter} s`);

    const identity = addressOf(session);
    const stored = await count(`SELECT count(*)::int AS n FROM conversation_input ci JOIN customer_identity i ON i.id = ci.identity_id WHERE i.address = $1`, [identity]);
    const complaints = await count(`SELECT count(*)::int AS n FROM complaint c JOIN conversation v ON v.id = c.conversation_id JOIN customer_identity i ON i.id = v.identity_id WHERE i.address = $1`, [identity]);
    const incidents = await count(
      `SELECT count(DISTINCT x.id)::int AS n FROM incident x JOIN complaint c ON c.id = x.complaint_id JOIN conversation v ON v.id = c.conversation_id JOIN customer_identity i ON i.id = v.identity_id WHERE i.address = $1`,
      [identity],
    );
    expect(stored).toBe(SESSION_INPUTS);
    // Nothing of the refused inputs was kept: no input, no message either way.
    expect(await storedOf(session)).toEqual(atFirstRefusal);
    // Four inputs a complaint: the budget lets at most five through (one incident where a conversation keeps one open).
    expect(complaints).toBeLessThanOrEqual(SESSION_INPUTS / 4);
    expect(incidents).toBeGreaterThanOrEqual(1);
    expect(incidents).toBeLessThanOrEqual(SESSION_INPUTS / 4);
    // A retry of an action that went through is still answered (the page retries with the same id).
    expect((await send(session, address, lastAccepted!.input, lastAccepted!.id)).status).toBe(200);
    figures.sessionFlood = { complaintSequences: FLOOD, inputsSent: statuses.length, accepted: statuses.filter((s) => s === 200).length, refused429: statuses.filter((s) => s === 429).length, inputsStored: stored, complaints, incidents, retryAfterSeconds: retryAfter, elapsedMs };
  });

  it('caps the inputs of one address over many sessions, while another address goes on', async () => {
    const address = '198.51.100.2';
    const sessions = [];
    for (let i = 0; i < 8; i++) sessions.push(await open(address));
    const started = Date.now();
    let allowed = 0;
    let refused: Response | undefined;
    for (let i = 0; i < ADDRESS_INPUTS * 2 && !refused; i++) {
      const res = await send(sessions[i % sessions.length], address, { kind: 'text', text: `note ${i}` });
      if (res.status === 429) refused = res;
      else {
        expect(res.status).toBe(200);
        await res.arrayBuffer();
        allowed++;
      }
    }
    const elapsedMs = Date.now() - started;
    expect(refused).toBeDefined();
    expect(allowed).toBeGreaterThanOrEqual(ADDRESS_INPUTS);
    // A full bucket, plus what refilled while the flood went on.
    expect(allowed).toBeLessThanOrEqual(ADDRESS_INPUTS + Math.floor((elapsedMs * ADDRESS_INPUTS) / 60_000));
    const retryAfter = Number(refused!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(((await refused!.json()) as { message: string }).message).toBe(`More than ${ADDRESS_INPUTS} web chat inputs a minute came from this address; retry after ${retryAfter} s`);
    // Every session of the address is refused alike; a customer elsewhere is served.
    expect((await send(sessions[0], address, { kind: 'text', text: 'again' })).status).toBe(429);
    const neighbour = await open('198.51.100.20');
    expect((await send(neighbour, '198.51.100.20', { kind: 'scale', value: 9 })).status).toBe(200);
    figures.addressFlood = { sessions: sessions.length, acceptedBeforeFirst429: allowed, retryAfterSeconds: retryAfter, elapsedMs };
  });

  it('answers 404 to 2,000 streams for tokens never issued, without a database transaction per stream', async () => {
    const queries = jest.spyOn(Client.prototype, 'query');
    const commits = async () => (databaseKind === 'PostgreSQL' ? Number((await db.query<{ n: string }[]>(`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`))[0].n) : NaN);
    // The background workers' statements grow with the flood's length, which a loaded machine
    // stretches: their rate is measured first, with nothing else going on.
    queries.mockClear();
    const idleFrom = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const backgroundPerMs = queries.mock.calls.length / (Date.now() - idleFrom);
    const rssBefore = process.memoryUsage().rss;
    const commitsBefore = await commits();
    queries.mockClear();
    const floodFrom = Date.now();
    const statuses: number[] = [];
    // Waves of concurrent streams, as a client with many connections would open them.
    for (let wave = 0; wave < STREAMS / 200; wave++) {
      const answers = await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const res = await stream(neverIssued(), `198.51.100.${100 + (i % 50)}`);
          await res.arrayBuffer();
          return res.status;
        }),
      );
      statuses.push(...answers);
    }
    const queriesDuring = queries.mock.calls.length;
    const background = Math.round(backgroundPerMs * (Date.now() - floodFrom));
    const lookups = queries.mock.calls.filter(([sql]) => typeof sql === 'string' && sql.includes('FROM customer_identity')).length;
    queries.mockRestore();
    // PostgreSQL's statistics reach pg_stat_database when each backend reports (within a second).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const commitsDelta = (await commits()) - commitsBefore;
    expect(statuses.filter((s) => s !== 404)).toEqual([]);
    // The streams' own statements (every statement meanwhile, less the background workers' at their
    // idle rate), and their batched existence checks: far fewer than one a stream (each stream used
    // to read its transcript at once and every 1.5 s after).
    expect(queriesDuring - background).toBeLessThan(STREAMS / 10);
    expect(lookups).toBeLessThan(STREAMS / 10);
    // The database's own count takes in the background workers' transactions as well, and they
    // grow with how long a loaded machine takes for the flood: bounded well under one a stream.
    if (databaseKind === 'PostgreSQL') expect(commitsDelta).toBeLessThan(STREAMS / 4);
    figures.streamFlood = {
      streams: STREAMS,
      answered404: statuses.filter((s) => s === 404).length,
      statementsDuringFlood: queriesDuring,
      backgroundStatements: background,
      sessionLookups: lookups,
      xactCommitDelta: databaseKind === 'PostgreSQL' ? commitsDelta : null,
      rssDeltaMb: Math.round((process.memoryUsage().rss - rssBefore) / 1e6),
    };
  });

  it('refuses a session\'s fourth stream and an address\'s eleventh, until one ends', async () => {
    const address = '198.51.100.4';
    const session = await open(address);
    const held: AbortController[] = [];
    const hold = async (s: string, a: string) => {
      const controller = new AbortController();
      const res = await stream(s, a, controller.signal);
      if (res.status === 200) held.push(controller);
      else await res.arrayBuffer();
      return res;
    };
    try {
      for (let i = 0; i < SESSION_STREAMS; i++) expect((await hold(session, address)).headers.get('content-type')).toMatch(/^text\/event-stream/);
      const fourth = await stream(session, address);
      expect(fourth.status).toBe(429);
      expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await fourth.json()) as { message: string }).message).toMatch(/^3 event streams are open for this chat session already; retry after \d+ s$/);
      // One ends: the next is served.
      held.shift()!.abort();
      const again = await waitFor(async () => {
        const res = await hold(session, address);
        return res.status === 200 ? res : undefined;
      });
      expect(again.status).toBe(200);

      // One address over several sessions: ten at once.
      const crowded = '198.51.100.5';
      const sessions = [await open(crowded), await open(crowded), await open(crowded), await open(crowded)];
      const statuses: number[] = [];
      for (const s of sessions) for (let i = 0; i < SESSION_STREAMS; i++) statuses.push((await hold(s, crowded)).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(ADDRESS_STREAMS);
      expect(statuses.slice(ADDRESS_STREAMS)).toEqual([429, 429]);
      const refused = await stream(sessions[3], crowded);
      expect(((await refused.json()) as { message: string }).message).toMatch(/^10 web chat event streams are open from this address already; retry after \d+ s$/);
      // A stream that does not exist is still told so, whoever asks.
      expect((await stream(neverIssued(), crowded)).status).toBe(404);
      figures.streamCaps = { perSessionServed: SESSION_STREAMS, perSessionRefused: 1, perAddressServed: statuses.filter((s) => s === 200).length, perAddressRefused: 2 };
    } finally {
      for (const controller of held) controller.abort();
    }
  });

  it('tells the customer on the page, in their language, to wait a moment when the budget is spent', async () => {
    const strings = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'apps', 'bot', 'web', 'chat', 'strings.json'), 'utf8')) as Record<string, Record<string, string>>;
    for (const locale of ['uk', 'ru', 'en']) expect(strings[locale].tooFast).toEqual(expect.any(String));
    if (!browserAvailable()) return;
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.6' } });
      await page.goto(`${t.url}/chat?lang=uk`);
      await page.locator('.scale__button').first().waitFor();
      // The session's budget is spent elsewhere (another tab, a script): the page's next tap meets the 429.
      const session = await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('turbota.chat'));
      const chat = new ChatClient(t.url);
      chat.session = session!;
      for (let i = 0; i < SESSION_INPUTS; i++) expect((await chat.sendRaw({ id: randomUUID(), input: { kind: 'text', text: `note ${i}` } })).status).toBe(200);
      await page.locator('.scale__button').first().click();
      await page.locator('#chat-notice-text').filter({ hasText: strings.uk.tooFast }).waitFor({ timeout: 10_000 });
      expect(await page.locator('#chat-retry').isVisible()).toBe(true);
      figures.pageNotice = { locale: 'uk', shown: strings.uk.tooFast };
    } finally {
      await browser.close();
    }
  });
});
