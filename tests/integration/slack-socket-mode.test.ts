import type { Type } from '@nestjs/common';
import type { DatabaseHandle } from '@turbota/persistence';
import { DataSource } from 'typeorm';
import { BotModule } from '../../apps/bot/src/bot.module';
import { FakeSlack } from '../support/fake-slack';
import { FakeSlackSocket } from '../support/fake-slack-socket';
import { registerPoints } from '../support/points';
import { slackMessageEvent } from '../support/slack-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { TcpProxy } from '../support/tcp-proxy';
import { databaseKind, openMigratedTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { postToSlack } from '../support/webhooks';

jest.setTimeout(90_000);

const BOT_TOKEN = 'xoxb-0000-socket-token';
const APP_TOKEN = 'xapp-1-A0PNCHHK2-0000-socket';
const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const CHANNEL = 'C0ESCALATE';
// Both processes must open what the other sealed.
const PII_ENCRYPTION_KEY = '5'.repeat(64);

// What the Slack suites cannot show over both transports: acks withheld, reconnects, the socket's lease.
describe(`Slack over Socket Mode (${databaseKind})`, () => {
  let web: FakeSlack;
  let socket: FakeSlackSocket;
  let t: TestApp;
  let second: TestApp | undefined;
  let db: DataSource;
  let database: DatabaseHandle;
  let proxy: TcpProxy;
  let proxiedUrl: string;
  let n = 0;
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: APP_TOKEN, SLACK_ESCALATION_CHANNEL: CHANNEL, DEFAULT_LOCALE: 'en', PII_ENCRYPTION_KEY };

  beforeAll(async () => {
    web = await FakeSlack.start(BOT_TOKEN);
    socket = await FakeSlackSocket.start(web, APP_TOKEN);
    database = await openMigratedTestDatabase();
    // Between the app and its database, for a test to cut.
    ({ proxy, url: proxiedUrl } = await TcpProxy.inFrontOf(database.url));
    t = await start();
    db = t.app.get(DataSource);
    await registerPoints(t.url, 'kyiv-central');
    await waitFor(() => socket.openSockets()[0], 15_000);
  });
  afterAll(async () => {
    await second?.close({ closeDatabase: false });
    await t.close({ closeDatabase: false });
    await proxy.stop();
    await database.close();
    await socket.close();
    await web.close();
  });

  const start = (features?: Type[]) => startTestApp({ env: { ...env, SLACK_API_URL: web.url }, database: { ...database, url: proxiedUrl }, features });

  /** A direct message from a customer, as the Events API envelope's payload. */
  const message = (channel: string, text: string) => JSON.parse(slackMessageEvent({ eventId: `EvSocket${++n}`, channel, text })) as Record<string, unknown>;
  const posted = (channel: string, i: number) => waitFor(() => web.posted(channel)[i - 1], 10_000);
  const inputsOf = (channel: string) =>
    db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM conversation_input ci JOIN conversation c ON c.id = ci.conversation_id JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1`, [channel]);

  it('leaves an envelope unacknowledged while nothing can be stored, and applies it once when Slack delivers it again', async () => {
    const channel = 'D0SOCKET05';
    await proxy.cut();
    const id = await (async () => {
      try {
        const sent = socket.send('events_api', message(channel, 'start kyiv-central'));
        await waitFor(() => (t.logs.text().includes('was not acknowledged, for Slack to deliver again') ? true : undefined), 10_000);
        expect(socket.acks.get(sent)).toBeUndefined();
        return sent;
      } finally {
        await proxy.restore();
      }
    })();
    expect(web.posted(channel)).toEqual([]);
    // The socket may have been closed meanwhile (its lease unrenewed); the fake then delivers it again on the next one.
    await waitFor(() => socket.openSockets()[0], 20_000);
    if (!socket.acks.get(id)) socket.redeliver(id);
    expect(await socket.acked(id)).toEqual({ envelope_id: id, payload: {} });
    await posted(channel, 1);
    expect(await inputsOf(channel)).toEqual([{ n: 1 }]);
  });

  it('connects again after a disconnect message', async () => {
    const opened = socket.sockets.length;
    socket.disconnectAll('refresh_requested');
    await waitFor(() => (socket.sockets.length > opened && socket.openSockets().length === 1 ? true : undefined), 20_000);
    const channel = 'D0SOCKET03';
    const id = socket.send('events_api', message(channel, 'start kyiv-central'));
    await socket.acked(id);
    await posted(channel, 1);
  });

  it('closes the socket before its lease can pass while the database is away, and opens it again after', async () => {
    const holder = socket.openSockets()[0];
    await proxy.cut();
    try {
      // Renewed last before the cut: the lease may pass SENDER_LEASE_MS after that, the socket is closed before.
      await waitFor(() => (socket.openSockets().length === 0 ? true : undefined), 15_000);
    } finally {
      await proxy.restore();
    }
    await waitFor(() => (socket.openSockets()[0] && socket.openSockets()[0] !== holder ? true : undefined), 20_000);
    const channel = 'D0SOCKET07';
    const id = socket.send('events_api', message(channel, 'start kyiv-central'));
    await socket.acked(id);
    await posted(channel, 1);
  });

  it('still answers POST /webhooks/slack, signed, through the same app', async () => {
    const channel = 'D0SOCKET06';
    const raw = slackMessageEvent({ eventId: `EvHttp${++n}`, channel, text: 'start kyiv-central' });
    expect((await postToSlack(t.url, raw, { secret: SIGNING_SECRET, type: 'json' })).status).toBe(200);
    await posted(channel, 1);
    expect((await postToSlack(t.url, raw, { secret: 'another-secret', type: 'json' })).status).toBe(401);
  });

  it('keeps one socket across two bot processes, and the other takes over when the holder stops', async () => {
    const leaseUntil = async () => (await db.query<{ at: Date }[]>(`SELECT lease_until AS at FROM outbox_sender_lease WHERE channel = 'slack:socket'`))[0].at.getTime();
    const before = await leaseUntil();
    second = await start([BotModule]);
    // The holder renews its lease every second, and the second process asks for it as often: three renewals on, it has asked.
    await waitFor(async () => ((await leaseUntil()) >= before + 3_000 ? true : undefined), 10_000);
    const holder = socket.openSockets()[0];
    expect(socket.openSockets()).toHaveLength(1);
    expect(socket.peakOpen).toBe(1);

    await t.close({ closeDatabase: false });
    await waitFor(() => (socket.openSockets()[0] && socket.openSockets()[0] !== holder ? true : undefined), 20_000);
    expect(socket.peakOpen).toBe(1);
    // The survivor reads and writes as the holder did.
    t = second;
    second = undefined;
    const channel = 'D0SOCKET04';
    const id = socket.send('events_api', message(channel, 'start kyiv-central'));
    await socket.acked(id);
    await posted(channel, 1);
  });
});
