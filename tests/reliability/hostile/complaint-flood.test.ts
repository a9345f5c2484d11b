import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ChatClient } from '../../support/chat-client';
import { complainByCommand } from '../../support/complaint-command';
import { FakeSlack } from '../../support/fake-slack';
import { recordFigures } from '../../support/figures';
import { Api, type IncidentJson, incidentReport } from '../../support/incidents-api';
import { ManualClock } from '../../support/manual-clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';

jest.setTimeout(180_000);

const BOT_TOKEN = 'xoxb-0000-flood-token';
const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const CHANNEL = 'C0FLOOD';
const FLOOD = 30;
/** The defaults under test: 10 anonymous incidents per 10 minutes one by one, 3 `<!here>` an hour. */
const PER_WINDOW = 10;
const MENTIONS = 3;

/**
 * Issue 18, "anyone can open unlimited incidents without credentials": one anonymous web chat
 * session repeating /complain → text → consent → phone made 30 incidents in 2 s, each posted
 * to the escalation channel with a thread, each starting SLA timers whose breach
 * announcements begin with `<!here>`.
 */
describe(`A flood of anonymous complaints (${databaseKind})`, () => {
  // Midway through a digest period, so the first digest is due a few minutes on.
  const clock = new ManualClock('2026-12-07T09:03:00.000Z');
  let fake: FakeSlack;
  let t: TestApp;
  let db: DataSource;
  let admin: Api;

  beforeAll(async () => {
    fake = await FakeSlack.start(BOT_TOKEN);
    t = await startTestApp({
      clock,
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url,
        SLACK_ESCALATION_CHANNEL: CHANNEL,
        DEFAULT_LOCALE: 'en',
        // The web chat's own input and session budgets are another defence; this test is about what gets past them.
        CHAT_SESSION_RATE_LIMIT_PER_MINUTE: '1000000',
        CHAT_INPUT_RATE_LIMIT_PER_MINUTE: '1000000',
        CHAT_INPUT_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000000',
      },
    });
    db = t.app.get(DataSource);
    admin = new Api(t.url);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  /** Every notice that is due has been sent (digests wait for their period). */
  const settled = () =>
    waitFor(async () => {
      const [pending] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM staff_notice WHERE status = 'pending' AND kind <> 'incident_digest'`);
      return pending.n === 0 ? true : undefined;
    }, 60_000);
  const incidentsOf = (sessions: string[]) =>
    db.query<{ id: string; number: number }[]>(
      `SELECT DISTINCT i.id, i.number FROM incident i JOIN complaint c ON c.id = i.complaint_id JOIN conversation v ON v.id = c.conversation_id
       JOIN customer_identity ci ON ci.id = v.identity_id WHERE ci.address = ANY($1::text[]) ORDER BY i.number`,
      [sessions.map(addressOf)],
    );
  const postedFor = (number: number) => fake.topLevel(CHANNEL).filter((c) => String(c.args.text).startsWith(`INC-${number} `));
  const digests = () => fake.topLevel(CHANNEL).filter((c) => String(c.args.text).startsWith('Digest: '));

  it('keeps one incident for 30 complaints in one anonymous session, with all 30 statements', async () => {
    const chat = new ChatClient(t.url);
    await chat.open({ locale: 'en' });
    const started = Date.now();
    for (let i = 1; i <= FLOOD; i++) await complainByCommand(chat, { text: `Complaint number ${i}`, phone: '+380 67 123 45 67' });
    const seconds = (Date.now() - started) / 1000;

    const incidents = await incidentsOf([chat.session]);
    expect(incidents).toHaveLength(1);
    const incident = await admin.incident(incidents[0].id);
    const statements = [incident.text, ...incident.history.filter((h) => h.action === 'customer_statement').map((h) => h.note)];
    expect(statements).toEqual(Array.from({ length: FLOOD }, (_, i) => `Complaint number ${i + 1}`));
    const [{ n: complaints }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM complaint c JOIN conversation v ON v.id = c.conversation_id JOIN customer_identity ci ON ci.id = v.identity_id WHERE ci.address = $1`, [addressOf(chat.session)]);
    expect(complaints).toBe(FLOOD);

    // One message in the channel; the further words go into its thread.
    await settled();
    const posts = postedFor(incident.number);
    expect(posts).toHaveLength(1);
    const again = fake.thread(CHANNEL, posts[0].ts!).filter((c) => String(c.args.text).includes('complained again'));
    expect(again).toHaveLength(FLOOD - 1);
    expect(String(again[0].args.text)).toBe('The customer — *the customer complained again*: “Complaint number 2”');
    recordFigures('hostile', 'complaint-flood-one-session', { complaints: FLOOD, seconds, incidents: incidents.length, statementsKept: statements.length, channelMessages: posts.length });
  });

  it('posts anonymous incidents one by one up to the rate, then gathers the rest into one digest', async () => {
    // A fresh rate window.
    clock.advance(11);
    const sessions = await Promise.all(
      Array.from({ length: FLOOD }, async (_, i) => {
        const chat = new ChatClient(t.url);
        await chat.open({ locale: 'en' });
        await complainByCommand(chat, { text: `Session ${i} is unhappy`, phone: `+380 67 200 ${String(10 + i)} 00` });
        return chat.session;
      }),
    );
    const incidents = await incidentsOf(sessions);
    expect(incidents).toHaveLength(FLOOD);
    // Each stored and in the API, whether posted or digested.
    const listed = await admin.json<{ items: { number: number }[] }>(`/api/v1/incidents?channel=web&limit=100`);
    for (const { number } of incidents) expect(listed.items.map((i) => i.number)).toContain(number);

    await settled();
    const posted = incidents.filter((i) => postedFor(i.number).length === 1);
    const held = incidents.filter((i) => postedFor(i.number).length === 0);
    expect(posted).toHaveLength(PER_WINDOW);
    expect(held).toHaveLength(FLOOD - PER_WINDOW);
    expect(digests()).toHaveLength(0);

    // The digest period ends: one message lists the held-back incidents.
    clock.advance(10);
    const digest = await waitFor(() => digests()[0], 20_000);
    const body = JSON.stringify(digest.args);
    expect(String(digest.args.text)).toMatch(new RegExp(`^Digest: ${FLOOD - PER_WINDOW} incident\\(s\\) from anonymous channels`));
    for (const { number } of held) expect(body).toContain(`INC-${number}`);
    for (const { number } of posted) expect(body).not.toContain(`INC-${number},`);
    await settled();
    expect(digests()).toHaveLength(1);
    // A customer's later words on a digested incident do not bring it back one message at a time.
    expect(held.every((i) => postedFor(i.number).length === 0)).toBe(true);
    recordFigures('hostile', 'complaint-flood-sessions', {
      sessions: FLOOD,
      incidentsStored: incidents.length,
      postedOneByOne: posted.length,
      digests: digests().length,
      inDigest: held.length,
      ratePerWindow: PER_WINDOW,
    });
  });

  it('mentions <!here> in at most three SLA announcements an hour, however many deadlines pass', async () => {
    const integration = admin.as(await admin.key('integration', 'CRM'));
    const breaching = 12;
    const reported: IncidentJson[] = [];
    // High priority (NPS 0-3): 30 minutes to acknowledge; each from its own customer and point, so no problem mixes in.
    for (let i = 0; i < breaching; i++) {
      reported.push(await integration.json<IncidentJson>('/api/v1/incidents', { body: incidentReport({ score: 1, pointOfService: `sla-flood-${i}`, phone: `+380 67 300 ${10 + i} 00` }) }));
    }
    await settled();
    const mentionsBefore = fake.topLevel(CHANNEL).filter((c) => String(c.args.text).startsWith('<!here>')).length;
    clock.advance(31);
    const announcements = await waitFor(() => {
      const found = reported.map((i) => fake.topLevel(CHANNEL).find((c) => String(c.args.text).includes(`SLA breached on INC-${i.number} `)));
      return found.every(Boolean) ? found.map((c) => String(c!.args.text)) : undefined;
    }, 60_000);
    const mentioned = announcements.filter((text) => text.startsWith('<!here>'));
    expect(mentionsBefore).toBe(0);
    expect(mentioned).toHaveLength(MENTIONS);
    const quiet = announcements.filter((text) => !text.includes('<!'));
    expect(quiet).toHaveLength(breaching - MENTIONS);
    for (const text of quiet) expect(text).toContain('Channel mentions are paused: 3 SLA announcement(s) mentioned the channel in the last 60 minutes.');

    // Two hours on (a new hour's budget), the flood's normal-priority incidents breach: the eleven with their own
    // message are announced, three of them with a mention; the twenty a digest announced are listed in the next digest.
    clock.advance(120);
    await waitFor(async () => {
      const [due] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM staff_notice WHERE kind = 'sla_breached'`);
      return due.n === breaching + 1 + FLOOD ? true : undefined;
    }, 60_000);
    await settled();
    const secondHour = fake.topLevel(CHANNEL).filter((c) => String(c.args.text).includes('SLA breached on ')).length - breaching;
    expect(secondHour).toBe(1 + PER_WINDOW);
    expect(fake.topLevel(CHANNEL).filter((c) => String(c.args.text).startsWith('<!here>'))).toHaveLength(2 * MENTIONS);
    clock.advance(10);
    const breachDigest = await waitFor(() => digests().find((d) => JSON.stringify(d.args).includes('*Past their SLA*\\n20')), 60_000);
    expect(String(breachDigest.args.text)).not.toContain('<!');
    recordFigures('hostile', 'complaint-flood-sla-mentions', { breaches: breaching, hereMentions: mentioned.length, withoutMention: quiet.length, budgetPerHour: MENTIONS });
  });
});

/** The address a web chat session is stored under (the hash of its token). */
function addressOf(session: string): string {
  return createHash('sha256').update(session).digest('hex');
}
