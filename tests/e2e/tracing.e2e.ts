import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { DatabaseHandle } from '@turbota/persistence';
import { telegramUpdate } from '../support/telegram-fixtures';
import { postTelegramUpdate } from '../support/webhooks';
import { FakeOtlpCollector, type ReceivedSpan } from '../support/fake-otlp-collector';
import { FakeTelegram } from '../support/fake-telegram';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TurbotaProcess } from '../support/turbota-process';
import { waitFor } from '../support/wait-for';

jest.setTimeout(120_000);

const TOKEN = '7000000003:AAHtracing-token';
const SECRET = 'tracing-webhook-secret';
const CHAT = 3000042;
const PHONE = '380671234567';
const WORDS = 'the queue was long';
const SERVER = 2;
const CLIENT = 3;

describe(`OpenTelemetry tracing of a Telegram update (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let telegram: FakeTelegram;
  let collector: FakeOtlpCollector;

  beforeAll(async () => {
    database = await openTestDatabase();
    telegram = await FakeTelegram.start(TOKEN);
    collector = await FakeOtlpCollector.start();
  });
  afterAll(async () => {
    await collector.close();
    await telegram.close();
    await database.close();
  });

  it('exports webhook → queued step → outbox → platform as one trace per input, with no personal data, flushed on shutdown', async () => {
    const turbota = await TurbotaProcess.start('standalone', {
      DATABASE_URL: database.url,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: telegram.url,
      // Every input goes through the inbound queue: the asynchronous hop is the one under test.
      WEBHOOK_INLINE_STEPS: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      // Nothing is exported on a timer during the test: what arrives was flushed at shutdown.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    let exitCode: number | null;
    try {
      await turbota.ready();
      const post = (update: unknown) => postTelegramUpdate(turbota.url, update, { secret: SECRET });
      expect((await post(telegramUpdate('message-start', { updateId: 1, chatId: CHAT }))).status).toBe(200);
      await waitFor(() => telegram.delivered('sendMessage', String(CHAT))[0], 20_000);
      const before = telegram.calls.length;
      expect((await post(telegramUpdate('message-text', { updateId: 2, chatId: CHAT, text: `Call me on +${PHONE}, ${WORDS}` }))).status).toBe(200);
      await waitFor(() => (telegram.calls.length > before ? true : undefined), 20_000);
    } finally {
      exitCode = await turbota.stop();
    }
    expect(exitCode).toBe(0);

    const spans = collector.spans;
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['turbota']));
    const receives = collector.named('turbota.webhook.receive');
    expect(receives).toHaveLength(2);
    for (const receive of receives) {
      const request = collector.parentOf(receive);
      expect(request?.kind).toBe(SERVER);
      expect(request?.attributes['url.path'] ?? request?.attributes['http.target']).toBe('/webhooks/telegram');
      expect(receive.attributes['turbota.channel']).toBe('telegram');
    }

    // The queued hop: each input's step continues the trace of the webhook that queued it.
    const applies = collector.named('turbota.inbound.apply');
    expect(applies).toHaveLength(2);
    for (const apply of applies) expect(collector.parentOf(apply)?.name).toBe('turbota.webhook.receive');
    expect(new Set(applies.map((a) => a.traceId)).size).toBe(2);
    const steps = applies.map((apply) => only(collector.childrenOf(apply), 'turbota.conversation.step'));
    expect(steps.map((s) => s.attributes['turbota.input.kind'])).toEqual(['start', 'text']);
    expect(collector.childrenOf(steps[0]).some((s) => s.attributes['db.system'] === 'postgresql' || s.attributes['db.system.name'] === 'postgresql')).toBe(true);

    // The outbox hop: the question the first step wrote is sent in the same trace, as its child.
    const firstSend = collector.named('turbota.outbox.send').find((s) => s.traceId === steps[0].traceId);
    expect(firstSend && collector.parentOf(firstSend)?.spanId).toBe(steps[0].spanId);
    const platform = only(collector.childrenOf(firstSend!), 'turbota.platform.send');
    expect(platform).toMatchObject({ kind: CLIENT, attributes: { 'turbota.channel': 'telegram', 'turbota.prompt.kind': 'scale', 'turbota.send.outcome': 'sent' } });
    const call = collector.childrenOf(platform).find((s) => s.kind === CLIENT);
    expect(call?.attributes['url.full'] ?? call?.attributes['http.url']).toBe(`${telegram.url}/:id/sendMessage`);
    expect(call?.attributes['http.response.status_code'] ?? call?.attributes['http.status_code']).toBe(200);

    // Nothing the customer wrote, their chat, their phone, the bot's token or the webhook secret left the process.
    const exported = collector.bodies.join('\n');
    for (const secret of [PHONE, WORDS, String(CHAT), 'Olena', TOKEN.split(':')[1], SECRET]) expect(exported).not.toContain(secret);
  });

  it('loads no part of the SDK when OTEL_EXPORTER_OTLP_ENDPOINT is unset', () => {
    const tracing = join(__dirname, '..', '..', 'dist', 'libs', 'observability', 'src', 'tracing.js');
    const script = `const started = require(${JSON.stringify(tracing)}).startTracing('turbota', {});
      const loaded = Object.keys(require.cache).filter((path) => /@opentelemetry[\\\\/](sdk-|exporter-|instrumentation)/.test(path));
      console.log(JSON.stringify({ started, loaded }));`;
    const answer = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH } })) as unknown;
    expect(answer).toEqual({ started: false, loaded: [] });
  });
});

/** The one span of `name` among `spans`; fails the test when there is none or more than one. */
function only(spans: ReceivedSpan[], name: string): ReceivedSpan {
  const named = spans.filter((s) => s.name === name);
  expect(named).toHaveLength(1);
  return named[0];
}
