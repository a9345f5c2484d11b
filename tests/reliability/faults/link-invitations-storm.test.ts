import { DataSource } from 'typeorm';
import { seededRandom } from '@turbota/common';
import { ChatClient } from '../../support/chat-client';
import { FakeTwilio } from '../../support/fake-twilio';
import { type Platforms, startPlatforms } from '../../support/platforms';
import { createPolicy } from '../../support/survey-policies';
import { telegramUpdate } from '../../support/telegram-fixtures';
import { apiCall, startTestApp, type TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { viberCallback } from '../../support/viber-fixtures';
import { waitFor } from '../../support/wait-for';
import { postTelegramUpdate, postViberCallback } from '../../support/webhooks';
import { recordFaultFigures } from '../support/faults-artifacts';

jest.setTimeout(120_000);

const PUBLIC_URL = 'https://feedback.example.com';
const SID = `AC${'4'.repeat(32)}`;
const AUTH_TOKEN = 'link-storm-twilio-token';
const TG_SECRET = 'link-storm-secret';
const VIBER_TOKEN = '4a1b2c3d4e5f6071-link-storm-0a1b2c3d4e5f60';
const PLATFORMS = { telegram: { token: '7000000045:AAHlink-storm', secret: TG_SECRET }, viber: { authToken: VIBER_TOKEN } };
const SEED = Number(process.env.FAULTS_SEED ?? 4402);
const CALLERS = 12;
const COPIES = 3;
const LINK = /\/chat\/s\/(sv_[A-Za-z0-9_-]{24})/;

/**
 * Invitations by link under duplicates and races: the SMS provider's status callbacks delivered
 * three times at once and out of order, each caller's link opened three times at once in
 * Telegram, and the same link opened at once in Telegram, Viber and the web chat. Each status
 * ends where the provider's last word put it, each link opens one survey, and each customer
 * hears its question once.
 */
describe(`personal survey links under duplicate deliveries and races (${databaseKind})`, () => {
  let twilio: FakeTwilio;
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    [twilio, platforms] = await Promise.all([FakeTwilio.start(SID, AUTH_TOKEN), startPlatforms(PLATFORMS)]);
    const sms = { PUBLIC_URL, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: '+15005550006', TWILIO_API_URL: twilio.url };
    t = await startTestApp({ env: { ...platforms.env, ...sms, DEFAULT_LOCALE: 'en' } });
    db = t.app.get(DataSource);
    await createPolicy(t.url, { name: 'Calls', serviceTypes: ['call'] });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([twilio?.close(), platforms?.close()]);
  });

  /** Reports the callers, each by phone only; answers each one's phone and the token its SMS carried. */
  async function callers(first: number): Promise<{ phone: string; token: string; sid: string }[]> {
    const phones = Array.from({ length: CALLERS }, (_, i) => `+3806700${String(first + i).padStart(5, '0')}`);
    for (const [i, phone] of phones.entries()) {
      const body = { externalId: `storm-${first + i}`, customer: { phone, locale: 'en' }, serviceType: 'call', occurredAt: new Date().toISOString() };
      expect((await apiCall(t.url, '/api/v1/contacts', { method: 'POST', body })).status).toBe(201);
    }
    return Promise.all(
      phones.map(async (phone) => {
        const sent = await waitFor(() => twilio.sent(phone)[0], 20_000);
        return { phone, token: LINK.exec(sent.text)![1], sid: sent.sid! };
      }),
    );
  }

  it(`keeps each status and opens each link once, however often it comes (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const invited = await callers(10_000);
    await waitFor(async () => {
      const [{ n }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM invitation_message WHERE status = 'pending'`);
      return n === 0 ? true : undefined;
    }, 20_000);

    // Every status callback three times at once, the callers' reports shuffled: sent, delivered.
    const via = `${t.url}/webhooks/sms/twilio`;
    const statuses: Record<string, number> = {};
    await Promise.all(
      invited.map(async ({ sid }) => {
        for (const status of random() < 0.5 ? ['sent', 'delivered'] : ['delivered', 'sent']) {
          const answers = await Promise.all(Array.from({ length: COPIES }, () => twilio.report(sid, status, { via })));
          for (const code of answers) statuses[code] = (statuses[code] ?? 0) + 1;
        }
      }),
    );
    const reported = await db.query<{ status: string; n: number }[]>(`SELECT status, count(*)::int AS n FROM invitation_message GROUP BY status`);
    expect(reported).toEqual([{ status: 'delivered', n: CALLERS }]);

    // Each caller's Telegram deep link, the same update three times at once.
    await Promise.all(
      invited.map(async ({ token }, i) => {
        const update = telegramUpdate('message-start', { updateId: 460_000 + i, chatId: 46_000_000 + i, text: `/start ${token}` });
        const answers = await Promise.all(Array.from({ length: COPIES }, () => postTelegramUpdate(t.url, update, { secret: TG_SECRET })));
        for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      }),
    );
    // Everything written is sent (and nothing waits in the inbound queue) before the questions are counted.
    await waitFor(async () => {
      const [{ n }] = await db.query<{ n: number }[]>(
        `SELECT (SELECT count(*) FROM message WHERE direction = 'out' AND delivery = 'pending' AND channel = 'telegram')::int
              + (SELECT count(*) FROM inbound_update WHERE failed_at IS NULL)::int AS n`,
      );
      return n === 0 && invited.every((_, i) => platforms.telegram.delivered('sendMessage', String(46_000_000 + i)).length > 0) ? true : undefined;
    }, 30_000);
    const questions = invited.map((_, i) => platforms.telegram.delivered('sendMessage', String(46_000_000 + i)).length);
    expect(questions).toEqual(invited.map(() => 1));
    expect(await db.query(`SELECT count(*)::int AS n FROM survey_link WHERE opened_on = 'telegram'`)).toEqual([{ n: CALLERS }]);

    // New callers; each link opened at once in Telegram, in Viber and in a browser: one of them has it.
    const raced = await callers(20_000);
    const owners: Record<string, number> = {};
    await Promise.all(
      raced.map(async ({ token }, i) => {
        const telegram = telegramUpdate('message-start', { updateId: 470_000 + i, chatId: 47_000_000 + i, text: `/start ${token}` });
        const viber = viberCallback('message-text', { token: String(4_700_000_000 + i), userId: `link-storm-${i}=`, text: `/start ${token}` });
        const [tg, vb, web] = await Promise.all([
          postTelegramUpdate(t.url, telegram, { secret: TG_SECRET }),
          postViberCallback(t.url, viber, { token: VIBER_TOKEN }),
          new ChatClient(t.url).openRaw({ locale: 'en', link: token }),
        ]);
        for (const status of [tg.status, vb.status]) statuses[status] = (statuses[status] ?? 0) + 1;
        // The web chat is told at once when another place has the link (410).
        expect([200, 410]).toContain(web.status);
      }),
    );
    const opened = await db.query<{ opened_on: string; n: number }[]>(
      `SELECT opened_on, count(*)::int AS n FROM survey_link l JOIN contact c ON c.id = l.contact_id WHERE c.external_id LIKE 'storm-2%' GROUP BY opened_on`,
    );
    for (const row of opened) owners[row.opened_on] = row.n;
    expect(Object.values(owners).reduce((a, b) => a + b, 0)).toBe(CALLERS);
    // One survey per contact: no link opened two conversations.
    expect(
      await db.query(
        `SELECT count(*)::int AS n FROM conversation v JOIN contact c ON c.conversation_id = v.id WHERE c.external_id LIKE 'storm-2%' AND v.kind = 'survey'`,
      ),
    ).toEqual([{ n: CALLERS }]);
    recordFaultFigures('linkInvitationsStorm', { seed: SEED, callers: CALLERS, copies: COPIES, statuses, owners });
    expect(Object.keys(statuses)).toEqual(['200']);
  });
});
