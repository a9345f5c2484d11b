import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { botFrameworkActivity, type BotFrameworkFixture } from '../../support/botframework-fixtures';
import { FakeConnector } from '../../support/fake-connector';
import { Api } from '../../support/incidents-api';
import { startTestApp, type TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { recordHostileFigures } from '../support/fuzz-runner';
import { postBotFrameworkActivity } from '../../support/webhooks';

jest.setTimeout(60_000);

/** What can be read of a request that reached a loopback listener. */
interface Caught {
  method?: string;
  url?: string;
}

/** A loopback HTTP listener: records whatever reaches it and answers `status` with `body`. */
async function listener(status: number, body: string): Promise<{ server: Server; url: string; port: number; caught: Caught[] }> {
  const caught: Caught[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    caught.push({ method: req.method, url: req.url });
    req.resume();
    req.on('end', () => res.writeHead(status, { 'Content-Type': 'application/json' }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://127.0.0.1:${port}`, port, caught };
}

interface DeliveryJson {
  status: string;
  lastError: string | null;
  failure: { category: string; httpStatus: number | null; reason: string } | null;
}

// What a connector's error page could carry back: a stack with internal paths, internal addresses.
const LEAKY_BODY = JSON.stringify({ error: { code: 'BadArgument', message: 'at Connector.post (/srv/connector/lib/post.js:41:7) upstream 10.20.30.40:8080 refused' } });
const INTERNAL = /127\.0\.0\.1|10\.20\.30\.40|169\.254|\/srv\/|post\.js|ECONNREFUSED|BadArgument|upstream/;

describe(`Bot Framework serviceUrl: no requests to addresses a sender picks (${databaseKind})`, () => {
  let catcher: Awaited<ReturnType<typeof listener>>;
  let leaky: Awaited<ReturnType<typeof listener>>;
  let connector: FakeConnector;
  let t: TestApp;
  let db: DataSource;
  let api: Api;
  let n = 0;

  beforeAll(async () => {
    [catcher, leaky, connector] = await Promise.all([listener(200, '{"id":"caught"}'), listener(400, LEAKY_BODY), FakeConnector.start()]);
    // The local connectors stand for the Emulator: allowed by name only, as an operator would configure them.
    t = await startTestApp({ env: { BOTFRAMEWORK_ANONYMOUS: 'true', BOTFRAMEWORK_SERVICE_URLS: `${connector.url},${leaky.url}`, DEFAULT_LOCALE: 'en' } });
    db = t.app.get(DataSource);
    api = new Api(t.url);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([connector.close(), new Promise((resolve) => catcher.server.close(resolve)), new Promise((resolve) => leaky.server.close(resolve))]);
  });

  const post = (fixture: BotFrameworkFixture, conversationId: string, serviceUrl: string, extra: Record<string, unknown> = {}) =>
    postBotFrameworkActivity(t.url, { ...botFrameworkActivity(fixture, { id: `ssrf-${++n}`, conversationId, serviceUrl, locale: 'en' }), ...extra });
  const stored = async (address: string) => {
    const [row] = await db.query<{ identities: number; inputs: number; messages: number }[]>(
      `SELECT (SELECT count(*)::int FROM customer_identity WHERE address = $1) AS identities,
              (SELECT count(*)::int FROM conversation_input ci JOIN customer_identity i ON i.id = ci.identity_id WHERE i.address = $1) AS inputs,
              (SELECT count(*)::int FROM message m JOIN customer_identity i ON i.id = m.identity_id WHERE i.address = $1) AS messages`,
      [address],
    );
    return row;
  };
  const deliveries = async (conversationAddress: string) => {
    const [{ id }] = await db.query<{ id: string }[]>(
      `SELECT c.id FROM conversation c JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1`,
      [conversationAddress],
    );
    return (await api.json<{ items: DeliveryJson[] }>(`/api/v1/deliveries?channel=botframework&conversationId=${id}`)).items;
  };

  it('refuses activities whose serviceUrl is loopback, link-local, private, decimal, disguised or foreign: 400, nothing stored, nothing sent', async () => {
    const port = catcher.port;
    const targets = [
      `http://127.0.0.1:${port}/`,
      `http://127.0.0.1:${port}/any/prefix/`,
      'http://169.254.169.254/',
      'http://10.0.0.1/',
      `http://[::1]:${port}/`,
      'http://[::1]/',
      `http://localhost:${port}/`,
      'http://localhost/',
      'https://evil.example/',
      `https://smba.trafficmanager.net@127.0.0.1:${port}/`,
      'https://smba.trafficmanager.net@127.0.0.1/',
      `http://2130706433:${port}/`,
      'http://2130706433/',
      'http://0.0.0.0/',
      'http://100.64.0.1/',
      'http://[fe80::1]/',
      'https://smba.trafficmanager.net.evil.example/',
    ];
    const answers: { target: string; status: number; message: string }[] = [];
    for (const [i, target] of targets.entries()) {
      for (const fixture of ['conversation-update', 'message'] as const) {
        const res = await post(fixture, `ssrf-target-${i}`, target);
        answers.push({ target, status: res.status, message: ((await res.json()) as { message: string }).message });
      }
    }
    // The control: the same activity with an allowed serviceUrl is taken and answered there.
    expect((await post('conversation-update', 'ssrf-control', connector.url)).status).toBe(200);
    await waitFor(() => connector.delivered('ssrf-control')[0], 10_000);
    // Anything a refused activity had set going would have had time to be sent.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const rows = await Promise.all(targets.map((_, i) => stored(`ssrf-target-${i}`)));

    recordHostileFigures('botframework-ssrf', {
      targets: targets.length,
      activities: answers.length,
      refused400: answers.filter((a) => a.status === 400).length,
      requestsReachingLoopbackListener: catcher.caught.length,
      rowsStored: rows.reduce((sum, r) => sum + r.identities + r.inputs + r.messages, 0),
    });
    expect(answers.filter((a) => a.status !== 400)).toEqual([]);
    for (const answer of answers) expect(answer.message).toMatch(/serviceUrl/);
    expect(catcher.caught).toEqual([]);
    expect(rows.every((r) => r.identities === 0 && r.inputs === 0 && r.messages === 0)).toBe(true);
  });

  it('never sends to a stored conversation reference that points inside, and shows the failure without the address', async () => {
    const address = 'ssrf-stored-reference';
    expect((await post('conversation-update', address, connector.url)).status).toBe(200);
    await waitFor(() => connector.delivered(address)[0], 10_000);
    // As a reference stored before service URLs were checked would be, with a reply waiting for it.
    await db.query(`UPDATE customer_identity SET reference = jsonb_set(reference::jsonb, '{serviceUrl}', to_jsonb($2::text)) WHERE address = $1`, [address, `${catcher.url}/`]);
    await db.query(
      `INSERT INTO message (identity_id, conversation_id, channel, direction, body, delivery, next_attempt_at, created_at)
       SELECT i.id, c.id, 'botframework', 'out', '{"kind":"text","text":"Thank you"}'::jsonb, 'pending', now(), now()
       FROM customer_identity i JOIN conversation c ON c.identity_id = i.id WHERE i.address = $1`,
      [address],
    );
    const failed = await waitFor(async () => (await deliveries(address)).find((d) => d.status === 'failed'), 15_000);
    expect(catcher.caught).toEqual([]);
    expect(failed.failure).toMatchObject({ category: 'recipient_blocked', httpStatus: null });
    expect(JSON.stringify(failed)).not.toMatch(INTERNAL);
  });

  it('shows viewers a failed send as a category and the platform\'s status, never its response or an internal address', async () => {
    const address = 'ssrf-leaky-connector';
    expect((await post('conversation-update', address, `${leaky.url}/`)).status).toBe(200);
    const [failed] = await waitFor(async () => {
      const items = await deliveries(address);
      return items.some((d) => d.status === 'failed') ? items : undefined;
    }, 15_000);
    // What the bot stored for operators carries the connector's words (the finding: they were shown to viewers as they are).
    const [{ last_error: raw }] = await db.query<{ last_error: string }[]>(
      `SELECT m.last_error FROM message m JOIN customer_identity i ON i.id = m.identity_id WHERE i.address = $1 AND m.delivery = 'failed'`,
      [address],
    );
    expect(raw).toMatch(INTERNAL);
    expect(failed.failure).toEqual({ category: 'rejected', httpStatus: 400, reason: expect.any(String) as string });
    expect(failed.lastError).toMatch(/^rejected \(HTTP 400\): /);
    expect(JSON.stringify(failed)).not.toMatch(INTERNAL);
    recordHostileFigures('botframework-ssrf-deliveries', { storedErrorHasInternalDetail: INTERNAL.test(raw), shownToViewers: failed.lastError });
  });
});
