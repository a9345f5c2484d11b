import { ChatClient } from '../support/chat-client';
import { FakeTwilio } from '../support/fake-twilio';
import { MailCatcher } from '../support/people';
import { type Platforms, startPlatforms } from '../support/platforms';
import { createPolicy } from '../support/survey-policies';
import { telegramUpdate } from '../support/telegram-fixtures';
import { apiCall, startTestApp, type TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { postTelegramUpdate } from '../support/webhooks';

jest.setTimeout(60_000);

const PUBLIC_URL = 'https://feedback.example.com';
const SID = `AC${'8'.repeat(32)}`;
const LINK = /\/chat\/s\/(sv_[A-Za-z0-9_-]{24})/;
const TELEGRAM_SECRET = 'invitations-report-secret';
const PLATFORMS = { telegram: { token: '7000000004:AAHinvitations-report', secret: TELEGRAM_SECRET } };

/**
 * The invitations report: per channel an invitation went out on, the response rate and NPS
 * with their intervals, where links were answered, and what an answer cost under
 * INVITATION_PRICES (an SMS per segment, an e-mail per message; a messenger without a price).
 */
describe(`the invitations report (${databaseKind})`, () => {
  const mail = new MailCatcher();
  let twilio: FakeTwilio;
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let n = 0;

  beforeAll(async () => {
    [twilio, platforms] = await Promise.all([FakeTwilio.start(SID, 'invitations-report-token'), startPlatforms(PLATFORMS)]);
    const env = {
      ...platforms.env,
      PUBLIC_URL,
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: 'invitations-report-token',
      TWILIO_FROM: '+15005550006',
      TWILIO_API_URL: twilio.url,
      SMTP_URL: await mail.start(),
      MAIL_FROM: 'feedback@example.com',
      INVITATION_PRICES: 'sms=0.85, email=0.002',
      INVITATION_CURRENCY: 'UAH',
    };
    t = await startTestApp({ env });
    await createPolicy(t.url, { name: 'Visits', serviceTypes: ['visit'] });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([twilio?.close(), platforms?.close(), mail.close()]);
  });

  async function invite(customer: Record<string, unknown>): Promise<void> {
    const body = { externalId: `report-${++n}`, customer, agent: 'oksana', serviceType: 'visit', occurredAt: new Date().toISOString() };
    const res = await apiCall(t.url, '/api/v1/contacts', { method: 'POST', body });
    expect(((await res.json()) as { decision: string }).decision).toBe('invited');
  }
  const tokenIn = (text: string) => LINK.exec(text)![1];

  it('gives each channel its response rate, NPS, where links were answered, and the cost per answer', async () => {
    // By SMS: in Ukrainian (three UCS-2 segments) answered in the web chat, in English (one segment) not answered.
    await invite({ phone: '+380670000101', locale: 'uk' });
    await invite({ phone: '+380670000102', locale: 'en' });
    const text = await waitFor(() => twilio.sent('+380670000101')[0], 10_000);
    await waitFor(() => twilio.sent('+380670000102')[0], 10_000);
    await new ChatClient(t.url).open({ locale: 'uk', link: tokenIn(text.text), answer: 9 });
    // By e-mail, answered with the e-mail's 10.
    await invite({ email: 'report@example.com', locale: 'en' });
    const letter = await waitFor(() => mail.to('report@example.com')[0], 10_000);
    await new ChatClient(t.url).open({ locale: 'en', link: tokenIn(letter.text!), answer: 10 });
    // On Telegram, answered 3 in words.
    await invite({ channel: 'telegram', address: '3100001', locale: 'en' });
    await waitFor(() => platforms.telegram.delivered('sendMessage', '3100001')[0], 10_000);
    const update = telegramUpdate('message-text', { updateId: 90_001, chatId: 3_100_001, text: '3' });
    expect((await postTelegramUpdate(t.url, update, { secret: TELEGRAM_SECRET })).status).toBe(200);
    // The messages the providers took and the Telegram answer, before they are counted.
    await waitFor(async () => {
      const report = (await (await apiCall(t.url, '/api/v1/reports/invitations')).json()) as { channels: { channel: string; messages: number; nps: { n: number } }[] };
      const of = (channel: string) => report.channels.find((c) => c.channel === channel);
      return of('sms')?.messages === 2 && of('email')?.messages === 1 && of('telegram')?.nps.n === 1 ? true : undefined;
    }, 15_000);

    const res = await apiCall(t.url, '/api/v1/reports/invitations');
    expect(res.status).toBe(200);
    const report = (await res.json()) as { currency: string; channels: Record<string, unknown>[] };
    expect(report.currency).toBe('UAH');
    expect(report.channels.map((c) => c.channel)).toEqual(['sms', 'email', 'telegram']);
    const [sms, email, telegram] = report.channels;
    expect(sms).toMatchObject({
      responseRate: { invited: 2, answered: 1, awaiting: 1, value: 50 },
      nps: { promoters: 1, passives: 0, detractors: 0, n: 1, value: 100 },
      messages: 2,
      segments: 4,
      answeredOn: { web: 1 },
      price: 0.85,
      cost: 3.4,
      costPerAnswer: 3.4,
    });
    expect((sms.responseRate as { ci95: number[] }).ci95).toHaveLength(2);
    expect(email).toMatchObject({ responseRate: { invited: 1, answered: 1 }, nps: { promoters: 1 }, messages: 1, segments: 0, answeredOn: { web: 1 }, price: 0.002, cost: 0.002, costPerAnswer: 0.002 });
    expect(telegram).toMatchObject({ responseRate: { invited: 1, answered: 1 }, nps: { detractors: 1, value: -100 }, messages: 0, answeredOn: {}, price: null, cost: null, costPerAnswer: null });

    // Filtered to one channel, and as one table a spreadsheet opens.
    const onlySms = (await (await apiCall(t.url, '/api/v1/reports/invitations?channel=sms')).json()) as { channels: { channel: string }[] };
    expect(onlySms.channels.map((c) => c.channel)).toEqual(['sms']);
    const csv = await (await apiCall(t.url, '/api/v1/reports/invitations?format=csv')).text();
    const [header, first] = csv.trim().split(/\r?\n/);
    expect(header).toBe('channel,invited,answered,awaiting,response_rate,rr_ci95_low,rr_ci95_high,nps_n,nps,nps_ci95_low,nps_ci95_high,messages,segments,currency,price,cost,cost_per_answer,step');
    expect(first).toMatch(/^sms,2,1,1,50,[\d.]+,[\d.]+,1,100,.*,2,4,UAH,0.85,3.4,3.4,$/);
  });

  it('refuses a period that ends before it starts, and a filter it does not know, saying which', async () => {
    const backwards = await apiCall(t.url, '/api/v1/reports/invitations?from=2026-03-02&to=2026-03-01');
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(await backwards.json())).toContain('from must not be after to');
    const unknown = await apiCall(t.url, '/api/v1/reports/invitations?groupBy=agent');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('groupBy');
  });
});
