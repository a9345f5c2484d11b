import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { telegramUpdate } from '../../support/telegram-fixtures';
import { ChatClient } from '../../support/chat-client';
import { recordFigures } from '../../support/figures';
import { complainInWebChat } from '../../support/incidents-api';
import { registerPoints } from '../../support/points';
import { bearer, startTestApp, TEST_ADMIN_KEY, type TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { postTelegramUpdate } from '../../support/webhooks';
import { type Platforms, startPlatforms } from '../../support/platforms';

jest.setTimeout(120_000);

const FORGED = 'Branch 7 manager Ivan steals money';
/** What must appear nowhere: the forged words, and a phone typed where a point code goes. */
const TRACES = /Ivan steals|0671112233/;
const SLACK_TOKEN = 'xoxb-0000-forged-point-token';
const SLACK_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const CHANNEL = 'C0POINTS';
const TG_TOKEN = '7000000009:AAHforged-point-token';
const TG_SECRET = 'forged-point-webhook-secret';
/** Every table where a point of service, a customer's words or an announcement can land. */
const TABLES = ['conversation', 'conversation_input', 'message', 'answer', 'organic_feedback', 'complaint', 'incident', 'incident_event', 'problem', 'problem_event', 'staff_notice', 'answer_rollup'];

const addressOf = (session: string) => createHash('sha256').update(session).digest('hex');

/**
 * Issue 18, "anyone can invent a point of service and a problem": the web chat's `point` took
 * 100 characters of free text, never checked against the registered points; three anonymous
 * complaints with `point=Branch 7 manager Ivan steals money` opened a problem that Slack
 * announced with that text, which also landed in dashboard filters and CSVs.
 */
const PLATFORMS = { slack: { token: SLACK_TOKEN, signingSecret: SLACK_SECRET, escalationChannel: CHANNEL }, telegram: { token: TG_TOKEN, secret: TG_SECRET } };

describe(`A point of service nobody registered (${databaseKind})`, () => {
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let db: DataSource;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    t = await startTestApp({ env: { DEFAULT_LOCALE: 'en', ...platforms.env } });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    await platforms.close();
    recordFigures('hostile', 'forgedPoint', figures);
  });

  const unknownCodes = async (channel: string) => {
    const text = await (await fetch(`${t.url}/metrics`)).text();
    return Number(new RegExp(`^turbota_unknown_point_codes_total\\{channel="${channel}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  };
  const pointsOf = async (sessions: string[]) =>
    db.query<{ point_of_service: string | null }[]>(
      `SELECT c.point_of_service FROM conversation c JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = ANY($1::text[])`,
      [sessions.map(addressOf)],
    );
  const dump = async () => JSON.stringify(await Promise.all(TABLES.map((table) => db.query(`SELECT * FROM ${table}`))));

  it('keeps three anonymous complaints at a forged point without a point: no problem, no trace of the words, each counted', async () => {
    const countedBefore = await unknownCodes('web');
    // The QR link as a customer would open it: the page is served, the survey runs, the words are not in it.
    const page = await fetch(`${t.url}/chat?lang=en&point=${encodeURIComponent(FORGED)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('"point":null');
    expect(html).not.toMatch(TRACES);
    const opened = await new ChatClient(t.url).open({ locale: 'en', point: FORGED });
    expect(JSON.stringify(opened)).not.toMatch(TRACES);

    // Three customers (three sessions), one reason: what made a problem "at" the forged point.
    const sessions = [];
    for (const phone of ['+380 67 100 00 01', '+380 67 100 00 02', '+380 67 100 00 03']) {
      sessions.push(await complainInWebChat(t.url, { point: FORGED, score: 2, reason: 'waiting', phone }));
    }
    expect(await pointsOf(sessions)).toEqual([{ point_of_service: null }, { point_of_service: null }, { point_of_service: null }]);
    const incidents = await db.query<{ point_of_service: string | null }[]>(
      `SELECT x.point_of_service FROM incident x JOIN complaint c ON c.id = x.complaint_id JOIN conversation v ON v.id = c.conversation_id
       JOIN customer_identity i ON i.id = v.identity_id WHERE i.address = ANY($1::text[])`,
      [sessions.map(addressOf)],
    );
    expect(incidents).toHaveLength(3);
    expect(incidents.every((i) => i.point_of_service === null)).toBe(true);
    expect(await db.query(`SELECT id FROM problem`)).toEqual([]);

    // Slack heard of each incident, and of no point.
    await waitFor(async () => {
      const [pending] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM staff_notice WHERE status = 'pending' AND kind <> 'incident_digest'`);
      return pending.n === 0 && platforms.slack.topLevel(CHANNEL).length >= 3 ? true : undefined;
    }, 60_000);
    expect(JSON.stringify(platforms.slack.calls)).not.toMatch(TRACES);
    // What a viewer filters and exports: the incidents list and the responses CSV.
    const viewer = bearer(TEST_ADMIN_KEY);
    expect(await (await fetch(`${t.url}/api/v1/incidents`, { headers: viewer })).text()).not.toMatch(TRACES);
    expect(await (await fetch(`${t.url}/api/v1/responses/export`, { headers: viewer })).text()).not.toMatch(TRACES);
    expect(await dump()).not.toMatch(TRACES);

    // The page visit (no code at all) and the four sessions that named the words: each counted, under the channel only.
    expect(await unknownCodes('web')).toBe(countedBefore + 5);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).not.toMatch(TRACES);
    figures.webChat = { complaints: 3, incidents: incidents.length, pointsStored: 0, problems: 0, slackCalls: platforms.slack.calls.length, counted: (await unknownCodes('web')) - countedBefore };
  });

  it('drops a phone typed as a code-shaped point, and a deep link\'s unknown code, keeping the survey', async () => {
    const countedBefore = { web: await unknownCodes('web'), telegram: await unknownCodes('telegram') };
    const chat = new ChatClient(t.url);
    const opened = await chat.open({ locale: 'en', point: '0671112233' });
    expect(opened.messages[0].prompt).toMatchObject({ kind: 'scale', questionCode: 'nps' });
    expect(await pointsOf([chat.session])).toEqual([{ point_of_service: null }]);

    const webhook = (text: string, updateId: number, chatId: number) =>
      postTelegramUpdate(t.url, telegramUpdate('message-start', { updateId, chatId, text }), { secret: TG_SECRET });
    expect((await webhook('/start branch-7-ivan-steals', 810_001, 8_100_001)).status).toBe(200);
    expect((await webhook(`/start ${FORGED}`, 810_002, 8_100_002)).status).toBe(200);
    const started = await waitFor(async () => {
      const rows = await db.query<{ point_of_service: string | null; input: unknown }[]>(
        `SELECT c.point_of_service, ci.input FROM conversation c JOIN customer_identity i ON i.id = c.identity_id JOIN conversation_input ci ON ci.conversation_id = c.id
         WHERE i.channel = 'telegram' AND i.address IN ('8100001', '8100002')`,
      );
      return rows.length === 2 ? rows : undefined;
    });
    expect(started).toEqual([
      { point_of_service: null, input: { kind: 'start' } },
      { point_of_service: null, input: { kind: 'start' } },
    ]);
    await waitFor(() => (platforms.telegram.delivered('sendMessage', '8100002').length > 0 ? true : undefined));
    expect(await unknownCodes('web')).toBe(countedBefore.web + 1);
    expect(await unknownCodes('telegram')).toBe(countedBefore.telegram + 2);
    expect(await dump()).not.toMatch(/branch-7-ivan/);
  });

  it('accepts a point as soon as it is registered, on the web chat and a deep link', async () => {
    await registerPoints(t.url, 'branch-7');
    const chat = new ChatClient(t.url);
    await chat.open({ locale: 'en', point: 'branch-7' });
    expect(await pointsOf([chat.session])).toEqual([{ point_of_service: 'branch-7' }]);
    const page = await (await fetch(`${t.url}/chat?point=branch-7`)).text();
    expect(page).toContain('"point":"branch-7"');
    const res = await postTelegramUpdate(t.url, telegramUpdate('message-start', { updateId: 810_003, chatId: 8_100_003, text: '/start branch-7' }), { secret: TG_SECRET });
    expect(res.status).toBe(200);
    const [row] = await waitFor(async () => {
      const rows = await db.query<{ point_of_service: string | null }[]>(
        `SELECT c.point_of_service FROM conversation c JOIN customer_identity i ON i.id = c.identity_id WHERE i.channel = 'telegram' AND i.address = '8100003'`,
      );
      return rows.length ? rows : undefined;
    });
    expect(row.point_of_service).toBe('branch-7');
  });
});
