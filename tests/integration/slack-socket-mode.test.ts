import type { Type } from '@nestjs/common';
import type { DatabaseHandle } from '@turbota/persistence';
import { DataSource } from 'typeorm';
import { BotModule } from '../../apps/bot/src/bot.module';
import { FakeSlack, type SlackCall } from '../support/fake-slack';
import { FakeSlackSocket } from '../support/fake-slack-socket';
import { Api, type IncidentJson, incidentReport } from '../support/incidents-api';
import { registerPoints } from '../support/points';
import { incidentButtonPress, incidentViewSubmission, SLACK_SUPERVISOR, slackButtonPress, slackMessageEvent } from '../support/slack-fixtures';
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

interface Blocks {
  blocks: { type: string; elements?: { text: { text: string }; value: string }[] }[];
}

describe(`Slack over Socket Mode (${databaseKind})`, () => {
  let web: FakeSlack;
  let socket: FakeSlackSocket;
  let t: TestApp;
  let second: TestApp | undefined;
  let db: DataSource;
  let database: DatabaseHandle;
  let proxy: TcpProxy;
  let proxiedUrl: string;
  let integration: Api;
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
    const admin = new Api(t.url);
    integration = admin.as(await admin.key('integration', 'CRM'));
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
  /** A press of a survey button on a posted question, as the interactive envelope's payload. */
  const buttonPress = (call: SlackCall, channel: string, label?: string) => {
    const buttons = (call.args as unknown as Blocks).blocks.find((b) => b.type === 'actions')!.elements!;
    const button = label === undefined ? buttons[0] : buttons.find((b) => b.text.text === label)!;
    const raw = slackButtonPress({ channel, actionTs: `1700000000.${++n}`, value: button.value, label: button.text.text, messageTs: call.ts!, messageText: String(call.args.text) });
    return JSON.parse(new URLSearchParams(raw).get('payload')!) as Record<string, unknown>;
  };
  const posted = (channel: string, i: number) => waitFor(() => web.posted(channel)[i - 1], 10_000);
  const answersOf = (channel: string) =>
    db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM answer a JOIN conversation c ON c.id = a.conversation_id JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1`,
      [channel],
    );
  const inputsOf = (channel: string) =>
    db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM conversation_input ci JOIN conversation c ON c.id = ci.conversation_id JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1`, [channel]);
  const report = () => integration.json<IncidentJson>('/api/v1/incidents', { body: incidentReport() });
  const messageOf = (incident: IncidentJson) => waitFor(() => web.topLevel(CHANNEL).find((c) => String(c.args.text).startsWith(`INC-${incident.number} `)), 10_000);

  it('runs a customer’s survey over the socket, acknowledging each envelope once stored', async () => {
    const channel = 'D0SOCKET01';
    const start = socket.send('events_api', message(channel, 'start kyiv-central'));
    await socket.acked(start);
    const nps = await posted(channel, 1);
    expect((nps.args as unknown as Blocks).blocks[1].elements!.map((e) => e.text.text)).toEqual(Array.from({ length: 11 }, (_, i) => String(i)));

    const press = socket.send('interactive', buttonPress(nps, channel, '2'));
    await socket.acked(press);
    // Acknowledged only after the answer was stored.
    expect(await answersOf(channel)).toEqual([{ n: 1 }]);
    const update = await waitFor(() => web.calls.find((c) => c.method === 'chat.update' && c.args.channel === channel));
    expect(String(update.args.text)).toMatch(/✓ 2$/);
    const next = await posted(channel, 2);
    expect((next.args as unknown as Blocks).blocks.some((b) => b.type === 'actions')).toBe(true);
  });

  it('applies an envelope delivered again (its ack lost) only once', async () => {
    const channel = 'D0SOCKET02';
    const id = socket.send('events_api', message(channel, 'start kyiv-central'));
    await socket.acked(id);
    socket.redeliver(id);
    expect(await socket.acked(id, 2)).toEqual({ envelope_id: id, payload: {} });
    await posted(channel, 1);
    const nps = web.posted(channel)[0];
    const press = socket.send('interactive', buttonPress(nps, channel, '10'));
    await socket.acked(press);
    socket.redeliver(press);
    await socket.acked(press, 2);
    await posted(channel, 2);
    expect(await answersOf(channel)).toEqual([{ n: 1 }]);
    expect(web.posted(channel)).toHaveLength(2);
  });

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

  it('applies a supervisor’s incident button, and answers a modal’s errors in the ack', async () => {
    const incident = await report();
    const card = await messageOf(incident);
    const acknowledge = socket.send('interactive', incidentButtonPress({ incident, action: 'acknowledge', channel: CHANNEL, n: ++n, responseUrl: web.responseUrl(`r${n}`), messageTs: card.ts }));
    await socket.acked(acknowledge);
    const after = await new Api(t.url).incident(incident.id);
    expect(after.status).toBe('acknowledged');
    expect(after.history.at(-1)).toMatchObject({ action: 'acknowledge', actor: { kind: 'slack_user', id: SLACK_SUPERVISOR.id } });

    const resolve = socket.send('interactive', incidentButtonPress({ incident: after, action: 'resolve', channel: CHANNEL, n: ++n, responseUrl: web.responseUrl(`r${n}`), messageTs: card.ts }));
    await socket.acked(resolve);
    const trigger = `trigger-${n}`;
    const view = (await waitFor(() => web.views().find((c) => c.args.trigger_id === trigger))).args.view as Record<string, unknown>;
    const refused = socket.send('interactive', incidentViewSubmission(view, { justified: 'yes', note: ' ' }, ++n));
    expect(await socket.acked(refused)).toEqual({ envelope_id: refused, payload: { response_action: 'errors', errors: { note: expect.stringMatching(/note is required/) as string } } });
    expect((await new Api(t.url).incident(incident.id)).status).toBe('acknowledged');
    const accepted = socket.send('interactive', incidentViewSubmission(view, { justified: 'yes', note: 'Called back and apologised' }, ++n));
    expect(await socket.acked(accepted)).toEqual({ envelope_id: accepted, payload: {} });
    expect((await new Api(t.url).incident(incident.id)).status).toBe('resolved');
  });

  it('answers the slash command in the ack, to the asker only', async () => {
    const id = socket.send('slash_commands', { command: '/turbota', text: 'help', user_id: SLACK_SUPERVISOR.id, channel_id: CHANNEL, response_url: web.responseUrl('cmd'), trigger_id: `trigger-${++n}` });
    const ack = await socket.acked(id);
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/`\/turbota stats`/) as string });
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
