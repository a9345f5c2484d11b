import { DataSource } from 'typeorm';
import { seededRandom } from '@turbota/common';
import { nextSendingTime } from '@turbota/surveys';
import { InvitationWorker } from '@turbota/triggers';
import { telegramUpdate } from '../support/telegram-fixtures';
import type { BotApiCall } from '../support/fake-telegram';
import { ManualClock } from '../support/manual-clock';
import { apiCall, type ApiCallInit, startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { postTelegramUpdate } from '../support/webhooks';
import { type Platforms, startPlatforms } from '../support/platforms';

const TOKEN = '7000000005:AAHcampaigns-token';
const SECRET = 'campaigns-webhook-secret';
const VIBER_TOKEN = '4dafb7e0f40021e6-1a47a1e6778d187f-2c5a676a0campaign';
// 10:00 in Kyiv.
const START = '2027-01-10T08:00:00.000Z';
const QUIET = { start: '21:00', end: '09:00', timeZone: 'Europe/Kyiv' };
const TELEGRAM_CUSTOMERS = 40;
const DAY_MINUTES = 24 * 60;

interface Campaign {
  id: string;
  eligible: number;
  planned: number;
  sent: number;
  answered: number;
  silent: number;
  waiting: number;
  cancelled: number;
  responseRate: number | null;
  responseRateTarget: number;
  meetsTarget: boolean | null;
  status: string;
}
interface Estimate {
  eligible: number;
  channels: string[];
  marginPoints: number;
  answersNeeded: number;
  invitationsNeeded: number;
  enough: boolean;
  marginIfAllInvited: number | null;
  basis: { shares: string; promoters: number; detractors: number; responseRate: number; responseRateObserved: boolean };
}
interface Member {
  customer_id: string;
  address: string;
  send_at: Date;
}
interface InlineMarkup {
  inline_keyboard: { text: string; callback_data: string }[][];
}

const PLATFORMS = { telegram: { token: TOKEN, secret: SECRET }, viber: { authToken: VIBER_TOKEN } };

describe(`representative campaigns (${databaseKind})`, () => {
  const clock = new ManualClock(START);
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let db: DataSource;
  let policyId: string;
  let updateId = 90_000;
  const chats = Array.from({ length: TELEGRAM_CUSTOMERS }, (_, i) => String(6_000_001 + i));

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    t = await startTestApp({
      env: platforms.env,
      clock,
      random: seededRandom(2027),
    });
    db = t.app.get(DataSource);
    // The customer base: 40 on Telegram and 5 on Viber, known from earlier contacts.
    for (const [channel, address] of [...chats.map((c) => ['telegram', c]), ...[1, 2, 3, 4, 5].map((i) => ['viber', `viber-base-${i}=`])]) {
      await db.query(
        `WITH c AS (INSERT INTO customer (locale) VALUES ('en') RETURNING id) INSERT INTO customer_identity (customer_id, channel, address) SELECT id, $1, $2 FROM c`,
        [channel, address],
      );
    }
    const pools = (await (await call('/api/v1/question-pools')).json()) as { id: string; name: string }[];
    const policy = await call('/api/v1/survey-policies', {
      method: 'POST',
      body: {
        name: 'Representative',
        serviceTypes: ['representative'],
        integralMetric: 'nps',
        poolId: pools.find((p) => p.name === 'Post-contact')!.id,
        reasonQuestion: 'reason',
        cooldownDays: 30,
        quietHours: QUIET,
        answerTimeoutMinutes: 60,
      },
    });
    expect(policy.status).toBe(201);
    policyId = ((await policy.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await t.close();
    await platforms.close();
  });

  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);
  const days = (n: number) => new Date(clock.now().getTime() + n * DAY_MINUTES * 60_000).toISOString();
  async function start(body: Record<string, unknown>): Promise<Campaign> {
    const res = await call('/api/v1/campaigns', { method: 'POST', body: { name: 'Wave', policyId, windowStart: clock.now().toISOString(), windowEnd: days(2), ...body } });
    expect(res.status).toBe(201);
    return (await res.json()) as Campaign;
  }
  const campaignCount = async () => Number((await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM campaign`))[0].n);
  const cancel = async (id: string) => (await (await call(`/api/v1/campaigns/${id}/cancel`, { method: 'POST' })).json()) as Campaign;
  const progress = async (id: string) => (await (await call(`/api/v1/campaigns/${id}`)).json()) as Campaign;
  /**
   * The campaign's figures read as expected, waiting a moment first: the worker running in the
   * background may hold a member the test's own tick skipped (SKIP LOCKED) and send it itself.
   */
  const expectProgress = async (id: string, expected: Partial<Campaign>) => {
    const reads = async () => {
      const now = await progress(id);
      return (Object.keys(expected) as (keyof Campaign)[]).every((key) => now[key] === expected[key]) ? true : undefined;
    };
    await waitFor(reads).catch(() => undefined);
    expect(await progress(id)).toMatchObject(expected);
  };
  const members = (id: string) =>
    db.query<Member[]>(
      `SELECT m.customer_id, i.address, m.send_at FROM campaign_member m JOIN customer_identity i ON i.id = m.identity_id WHERE m.campaign_id = $1 ORDER BY m.send_at`,
      [id],
    );
  const webhook = (body: unknown) => postTelegramUpdate(t.url, body, { secret: SECRET });
  const tap = async (message: BotApiCall, chat: string, label: string) => {
    const button = (message.params.reply_markup as InlineMarkup).inline_keyboard.flat().find((b) => b.text === label)!;
    const tapped = { message_id: message.result!.message_id as number, text: message.params.text as string, reply_markup: message.params.reply_markup };
    expect((await webhook(telegramUpdate('callback-query', { updateId: ++updateId, chatId: Number(chat), data: button.callback_data, tapped }))).status).toBe(200);
  };
  const tick = () => t.app.get(InvitationWorker).tick();

  it('refuses bad input with 400 naming the field, and non-admin keys with 403', async () => {
    const base = { name: 'Bad', policyId, windowStart: START, windowEnd: days(1) };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, size: 5, share: 0.5 }, 'size'],
      [base, 'size'],
      [{ ...base, size: 0 }, 'size'],
      [{ ...base, share: 1.5 }, 'share'],
      [{ ...base, size: 5, windowEnd: START }, 'windowEnd'],
      [{ ...base, size: 5, windowStart: '2027-01-10' }, 'windowStart'],
      [{ ...base, size: 5, policyId: '7d3c1c9e-2f4b-4f55-9a55-0c6f0e0b9a11' }, 'policyId'],
      [{ ...base, size: 5, channel: 'slack' }, 'channel'],
      [{ ...base, size: 5, windowStart: '2026-01-01T00:00:00Z', windowEnd: '2026-01-02T00:00:00Z' }, 'windowEnd'],
    ];
    for (const [body, field] of cases) {
      const res = await call('/api/v1/campaigns', { method: 'POST', body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([field]);
    }
    const now = clock.now().getTime();
    const tooShort = await call('/api/v1/campaigns', { method: 'POST', body: { ...base, size: 5, windowStart: new Date(now).toISOString(), windowEnd: new Date(now + 30_000).toISOString() } });
    expect(tooShort.status).toBe(422);
    const viewer = await call('/api/v1/api-keys', { method: 'POST', body: { name: 'Wall', role: 'viewer' } });
    const key = ((await viewer.json()) as { key: string }).key;
    expect((await call('/api/v1/campaigns', { method: 'POST', key, body: { ...base, size: 5 } })).status).toBe(403);
    expect((await call('/api/v1/campaigns', { key })).status).toBe(200);
  });

  it('draws exactly the size asked, spreading the invitations over the window outside the quiet hours', async () => {
    const campaign = await start({ size: 10, channel: 'telegram' });
    expect(campaign).toMatchObject({ eligible: TELEGRAM_CUSTOMERS, planned: 10, sent: 0, status: 'active', responseRate: null, responseRateTarget: 0.7 });
    const drawn = await members(campaign.id);
    expect(new Set(drawn.map((m) => m.customer_id)).size).toBe(10);
    expect(drawn.every((m) => chats.includes(m.address))).toBe(true);
    const times = drawn.map((m) => new Date(m.send_at).getTime());
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
    expect(times[0]).toBeGreaterThanOrEqual(Date.parse(START));
    expect(times[9]).toBeLessThan(Date.parse(days(2)));
    for (const at of times) expect(nextSendingTime(new Date(at), QUIET)).toEqual(new Date(at));
    // Two days with 12 open hours each (and 11 left of the first): the sends cover both, not a burst at the start.
    expect(times.filter((at) => at < Date.parse(days(1)))).toHaveLength(5);
    expect(await cancel(campaign.id)).toMatchObject({ status: 'cancelled', planned: 0, cancelled: 10 });
  });

  it('draws a different sample each time, and every eligible customer is drawn sooner or later; a share is rounded halves up', async () => {
    const seen = new Map<string, number>();
    const samples: string[] = [];
    for (let round = 0; round < 30; round++) {
      const campaign = await start({ size: 10, channel: 'telegram' });
      // A cancelled campaign sends nothing, so its customers stay eligible for the next draw.
      const drawn = (await members(campaign.id)).map((m) => m.address).sort();
      samples.push(drawn.join());
      for (const address of drawn) seen.set(address, (seen.get(address) ?? 0) + 1);
      await cancel(campaign.id);
    }
    expect(new Set(samples).size).toBe(30);
    expect([...seen.keys()].sort()).toEqual(chats);
    // 300 draws over 40 customers: 7.5 each on average; a fair draw keeps everyone well inside 1-20.
    expect(Math.max(...seen.values())).toBeLessThan(20);

    const shared = await start({ share: 0.0125 }); // 45 eligible on both channels: 0.5625, rounded to 1
    expect(shared).toMatchObject({ eligible: 45, planned: 1 });
    await cancel(shared.id);
    const quarter = await start({ share: 0.1, channel: 'viber' }); // 0.5 of 5: halves up to 1
    expect(quarter).toMatchObject({ eligible: 5, planned: 1 });
    await cancel(quarter.id);
  });

  it('leaves out customers who opted out, were invited within the policy\'s cool-down, or were in a campaign within 180 days', async () => {
    const [stopped, contacted] = [chats[0], chats[1]];
    expect((await webhook(telegramUpdate('message-text', { updateId: ++updateId, chatId: Number(stopped), text: '/stop' }))).status).toBe(200);
    const optedOut = `SELECT 1 AS yes FROM customer c JOIN customer_identity i ON i.customer_id = c.id WHERE i.address = $1 AND c.opted_out_at IS NOT NULL`;
    await waitFor(async () => (await db.query<{ yes: number }[]>(optedOut, [stopped]))[0]);
    const reported = await call('/api/v1/contacts', {
      method: 'POST',
      body: { externalId: 'campaign-contact-1', customer: { channel: 'telegram', address: contacted }, serviceType: 'representative', occurredAt: clock.now().toISOString() },
    });
    expect(await reported.json()).toMatchObject({ decision: 'invited' });

    const first = await start({ size: 5, channel: 'telegram' });
    expect(first.eligible).toBe(TELEGRAM_CUSTOMERS - 2);
    const firstDrawn = (await members(first.id)).map((m) => m.address);
    const everyone = await start({ share: 1, channel: 'telegram' });
    const rest = (await members(everyone.id)).map((m) => m.address);
    expect(everyone).toMatchObject({ eligible: TELEGRAM_CUSTOMERS - 7, planned: TELEGRAM_CUSTOMERS - 7 });
    expect(rest).not.toContain(stopped);
    expect(rest).not.toContain(contacted);
    expect(rest.filter((a) => firstDrawn.includes(a))).toEqual([]);

    // A month on, the invitations planned in the window have gone (late, at once: the clock jumped).
    clock.advance(31 * DAY_MINUTES);
    await tick();
    await expectProgress(everyone.id, { sent: TELEGRAM_CUSTOMERS - 7 });
    // Past the policy's 30 days the contacted customer is back; the campaigns' members only 180 days after their invitation.
    const back = await start({ share: 1, channel: 'telegram' });
    expect(back).toMatchObject({ eligible: 1, planned: 1 });
    expect((await members(back.id)).map((m) => m.address)).toEqual([contacted]);
    await cancel(back.id);
    clock.advance(179 * DAY_MINUTES);
    const notYet = await start({ share: 1, channel: 'telegram' });
    expect(notYet.eligible).toBe(1);
    await cancel(notYet.id);
    clock.advance(2 * DAY_MINUTES);
    const later = await start({ size: 1, channel: 'telegram' });
    expect(later.eligible).toBe(TELEGRAM_CUSTOMERS - 1);
    await cancel(later.id);
  });

  it('sends each invitation once when due, and counts answered and silent invitees against the 70% target', async () => {
    clock.set('2027-09-01T07:00:00Z'); // 10:00 in Kyiv
    const campaign = await start({ size: 4, channel: 'telegram', windowEnd: new Date(clock.now().getTime() + 3_600_000).toISOString() });
    const drawn = await members(campaign.id);
    expect(drawn).toHaveLength(4);
    const addresses = drawn.map((m) => m.address);
    const responseRate = async () => {
      const res = await call('/api/v1/reports/summary?from=2027-09-01&to=2027-09-01&channel=telegram');
      return ((await res.json()) as { responseRate: { invited: number; answered: number; nonResponders: number } }).responseRate;
    };
    const rateBefore = await responseRate();
    // Only what this campaign sends: a drawn customer may have had surveys earlier, delivered by now.
    await waitFor(async () => ((await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM message WHERE delivery = 'pending'`))[0].n === 0 ? true : undefined), 20_000);
    const earlier = new Map(addresses.map((chat) => [chat, platforms.telegram.delivered('sendMessage', chat).length]));
    const sentTo = (chat: string) => platforms.telegram.delivered('sendMessage', chat).slice(earlier.get(chat));
    expect(addresses.flatMap(sentTo)).toEqual([]);

    clock.set(new Date(new Date(drawn[1].send_at).getTime() + 1_000));
    await Promise.all([tick(), tick()]);
    const firstTwo = await Promise.all(addresses.slice(0, 2).map((chat) => waitFor(() => sentTo(chat)[0])));
    expect(firstTwo[0].params.text).toMatch(/How likely are you to recommend us/);
    await expectProgress(campaign.id, { planned: 4, sent: 2, waiting: 2 });
    expect(addresses.slice(2).flatMap(sentTo)).toEqual([]);

    clock.set(new Date(new Date(drawn[3].send_at).getTime() + 1_000));
    await tick();
    await Promise.all(addresses.slice(2).map((chat) => waitFor(() => sentTo(chat)[0])));
    await tap(firstTwo[0], addresses[0], '9');
    await tap(firstTwo[1], addresses[1], '3');
    await waitFor(async () => ((await progress(campaign.id)).answered === 2 ? true : undefined));

    clock.advance(61);
    await Promise.all([tick(), tick()]);
    await expectProgress(campaign.id, { planned: 4, sent: 4, answered: 2, silent: 2, waiting: 0, responseRate: 0.5, meetsTarget: false });
    // The reports' response rate counts the campaign's invitations beside the contacts'.
    const rateAfter = await responseRate();
    expect({ invited: rateAfter.invited - rateBefore.invited, answered: rateAfter.answered - rateBefore.answered }).toEqual({ invited: 4, answered: 2 });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    for (const chat of addresses.slice(2)) expect(sentTo(chat)).toHaveLength(1);
    const expired = await db.query<{ status: string }[]>(`SELECT c.status FROM conversation c JOIN campaign_member m ON m.conversation_id = c.id WHERE m.campaign_id = $1 AND m.non_responder_at IS NOT NULL`, [campaign.id]);
    expect(expired).toEqual([{ status: 'expired' }, { status: 'expired' }]);
  });

  it('cancels the invitations not yet sent, and skips a customer who opted out after the draw', async () => {
    const campaign = await start({ size: 3, channel: 'viber', windowEnd: days(1) });
    const drawn = await members(campaign.id);
    await db.query(`UPDATE customer SET opted_out_at = now() WHERE id = $1`, [drawn[0].customer_id]);
    clock.set(new Date(new Date(drawn[0].send_at).getTime() + 1_000));
    await tick();
    await expectProgress(campaign.id, { planned: 2, sent: 0, cancelled: 1 });
    expect(platforms.viber.sent(drawn[0].address)).toEqual([]);
    expect(await cancel(campaign.id)).toMatchObject({ status: 'cancelled', planned: 0, sent: 0, cancelled: 3 });
    clock.set(days(1));
    await tick();
    expect(drawn.flatMap((m) => platforms.viber.sent(m.address))).toEqual([]);
    expect((await call('/api/v1/campaigns/7d3c1c9e-2f4b-4f55-9a55-0c6f0e0b9a11')).status).toBe(404);
  });

  it('estimates before starting: the eligible customers a campaign then draws from, and the invitations a margin takes; nothing stored', async () => {
    const estimate = async (query: Record<string, string>) => {
      const res = await call(`/api/v1/campaigns/estimate?${new URLSearchParams({ policyId, ...query }).toString()}`);
      return { status: res.status, body: (await res.json()) as Estimate };
    };
    const before = await campaignCount();
    const all = await estimate({});
    expect(all.status).toBe(200);
    expect(all.body.channels.sort()).toEqual(['telegram', 'viber']);
    const telegram = await estimate({ channel: 'telegram', marginPoints: '10' });
    // Too few answers and invitations seen yet: half promoters, half detractors, and the 70% target.
    expect(telegram.body.basis).toMatchObject({ shares: 'worst case', promoters: 0.5, detractors: 0.5, responseRate: 0.7, responseRateObserved: false });
    const eligible = telegram.body.eligible;
    expect(eligible).toBeGreaterThan(0);
    // ±10 from N eligible: 384.16 / (1 + 383.16 / N) answers, at 70% that many invitations.
    const answers = Math.ceil(384.16 / (1 + 383.16 / eligible));
    expect(telegram.body).toMatchObject({ marginPoints: 10, answersNeeded: answers, invitationsNeeded: Math.min(eligible, Math.ceil(answers / 0.7)), enough: Math.ceil(answers / 0.7) <= eligible });
    expect(telegram.body.marginIfAllInvited).toBeCloseTo(196 * Math.sqrt((1 / Math.floor(eligible * 0.7)) * ((eligible - Math.floor(eligible * 0.7)) / (eligible - 1))), 6);
    expect(all.body.eligible).toBe(eligible + (await estimate({ channel: 'viber' })).body.eligible);
    expect(await campaignCount()).toBe(before);

    // The campaign started next counts the same customers, and draws them out of the next estimate.
    const started = await start({ size: 4, channel: 'telegram' });
    expect(started.eligible).toBe(eligible);
    await expect(estimate({ channel: 'telegram' })).resolves.toMatchObject({ body: { eligible: eligible - 4 } });
    await cancel(started.id);

    await expect(estimate({ channel: 'slack' })).resolves.toMatchObject({ status: 400 });
    await expect(estimate({ marginPoints: '0' })).resolves.toMatchObject({ status: 400 });
    const unknown = await call(`/api/v1/campaigns/estimate?policyId=${crypto.randomUUID()}`);
    expect(unknown.status).toBe(400);
    await expect(unknown.json()).resolves.toMatchObject({ errors: [{ field: 'policyId' }] });
  });
});
