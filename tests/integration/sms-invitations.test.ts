import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ContactDecision } from '../support/contact-decision';
import { ChatClient, promptsOf } from '../support/chat-client';
import { FakeTwilio, type TwilioMessage } from '../support/fake-twilio';
import { apiCall, type ApiCallInit, bearer, startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app';
import { createPolicy } from '../support/survey-policies';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const PUBLIC_URL = 'https://feedback.example.com';
const SID = `AC${'5'.repeat(32)}`;
const AUTH_TOKEN = 'twilio-auth-token-for-tests';
const LINK = /https:\/\/feedback\.example\.com\/chat\/s\/(sv_[A-Za-z0-9_-]{24})/;

describe(`invitations by SMS with a personal survey link (${databaseKind})`, () => {
  let twilio: FakeTwilio;
  let t: TestApp;
  let db: DataSource;
  let n = 0;

  beforeAll(async () => {
    twilio = await FakeTwilio.start(SID, AUTH_TOKEN);
    t = await startTestApp({ env: { PUBLIC_URL, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: '+15005550006', TWILIO_API_URL: twilio.url } });
    db = t.app.get(DataSource);
    await createPolicy(t.url, { name: 'Cards', serviceTypes: ['card-issue'] });
  });
  afterAll(async () => {
    await t.close();
    await twilio.close();
  });

  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);
  async function report(phone: string, extra: Record<string, unknown> = {}): Promise<ContactDecision> {
    const body = { externalId: `sms-call-${++n}`, customer: { phone, locale: 'en' }, agent: 'olena.k', serviceType: 'card-issue', occurredAt: new Date().toISOString(), ...extra };
    const res = await call('/api/v1/contacts', { method: 'POST', body });
    expect(res.status).toBe(201);
    return (await res.json()) as ContactDecision;
  }
  const sms = (to: string) => waitFor(() => twilio.sent(to)[0], 10_000);
  const tokenOf = (message: TwilioMessage) => LINK.exec(message.text)![1];
  const invitationOf = async (contactId: string) =>
    ((await (await call(`/api/v1/contacts/${contactId}`)).json()) as { invitation: Record<string, unknown> | null; conversationId: string | null }).invitation;

  it('texts a caller known only by phone a link that opens their survey, whose answers carry the contact', async () => {
    const decision = await report('+380 67 123 45 67');
    expect(decision).toMatchObject({ decision: 'invited', reason: null, message: 'The customer is invited now by SMS, with a personal survey link' });
    const text = await sms('+380671234567');
    expect(text.statusCallback).toBe(`${PUBLIC_URL}/webhooks/sms/twilio`);
    // A greeting of the standard, the link, the opt-out; in English it fits one segment.
    expect(text.text).toMatch(LINK);
    expect(text.text).toContain('Reply STOP to opt out.');
    await waitFor(async () => ((await invitationOf(decision.id))?.status === 'accepted' ? true : undefined));
    expect(await invitationOf(decision.id)).toMatchObject({ channel: 'sms', provider: 'twilio', status: 'accepted', encoding: 'GSM-7', segments: 1, attempts: 1, error: null });
    // Neither the phone nor the link's token is kept in the clear once the text is sent.
    const token = tokenOf(text);
    const [stored] = await db.query<{ token_sealed: Buffer | null; provider_message_id: string }[]>(`SELECT token_sealed, provider_message_id FROM invitation_message WHERE contact_id = $1`, [decision.id]);
    expect(stored).toEqual({ token_sealed: null, provider_message_id: text.sid });
    expect(await db.query(`SELECT count(*)::int AS n FROM survey_link WHERE token_hash = $1`, [createHash('sha256').update(token).digest()])).toEqual([{ n: 1 }]);

    // The page opens in the contact's language.
    const page = await fetch(`${t.url}/chat/s/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`"link":"${token}"`);

    const chat = new ChatClient(t.url);
    const opened = await chat.open({ locale: 'en', link: token });
    expect(promptsOf(opened.messages)).toEqual([expect.objectContaining({ kind: 'scale', questionCode: 'nps' })]);
    await chat.send({ kind: 'scale', value: 9 });
    const answers = await db.query<Record<string, unknown>[]>(`SELECT channel, agent, service_type, customer_id, score FROM answer WHERE conversation_id = (SELECT conversation_id FROM contact WHERE id = $1)`, [decision.id]);
    expect(answers).toEqual([{ channel: 'web', agent: 'olena.k', service_type: 'card-issue', customer_id: decision.customerId, score: 9 }]);

    // The same browser goes on where it was; any other is told the survey is open elsewhere.
    const again = await new ChatClient(t.url).open({ locale: 'en', link: token, session: chat.session });
    expect(again.session).toBe(chat.session);
    expect(again.messages.length).toBeGreaterThan(opened.messages.length);
    const elsewhere = await new ChatClient(t.url).openRaw({ locale: 'en', link: token });
    expect(elsewhere.status).toBe(410);
    expect(await db.query(`SELECT count(*)::int AS n FROM conversation WHERE id IN (SELECT conversation_id FROM survey_link)`)).toEqual([{ n: 1 }]);
  });

  it('records delivery reports signed by Twilio, forward only, and refuses forged ones', async () => {
    const decision = await report('+380 50 765 43 21');
    const text = await sms('+380507654321');
    await waitFor(async () => ((await invitationOf(decision.id))?.status === 'accepted' ? true : undefined));
    const via = `${t.url}/webhooks/sms/twilio`;
    expect(await twilio.report(text.sid!, 'delivered', { via, signature: 'forged' })).toBe(401);
    expect((await invitationOf(decision.id))?.status).toBe('accepted');
    expect(await twilio.report(text.sid!, 'sent', { via })).toBe(200);
    expect((await invitationOf(decision.id))?.status).toBe('sent');
    expect(await twilio.report(text.sid!, 'delivered', { via })).toBe(200);
    // Late and repeated reports change nothing.
    expect(await twilio.report(text.sid!, 'sent', { via })).toBe(200);
    expect(await twilio.report(text.sid!, 'delivered', { via })).toBe(200);
    expect(await invitationOf(decision.id)).toMatchObject({ status: 'delivered', reportedAt: expect.any(String) as string });
  });

  it('remembers a number that opted out with Twilio, and invites it no more', async () => {
    twilio.unsubscribed.add('+380931112233');
    const first = await report('+380931112233');
    expect(first.decision).toBe('invited');
    await waitFor(async () => ((await invitationOf(first.id))?.status === 'failed' ? true : undefined), 10_000);
    expect((await invitationOf(first.id))?.error).toMatch(/opted out/);
    const next = await report('+380 93 111 22 33');
    expect(next).toMatchObject({ decision: 'skipped', reason: 'opted_out', customerId: first.customerId });
  });

  it('takes a reply STOP as an opt-out for every channel, and ignores other replies', async () => {
    const first = await report('+380 97 000 11 22');
    await sms('+380970001122');
    const route = `${PUBLIC_URL}/webhooks/sms/twilio`;
    const via = `${t.url}/webhooks/sms/twilio`;
    expect(await twilio.inbound(route, '+380970001122', 'thanks, 10', { via })).toBe(200);
    expect(await report('+380970001122')).toMatchObject({ decision: 'invited' });
    expect(await twilio.inbound(route, '+380970001122', 'Стоп', { via })).toBe(200);
    expect(await report('+380970001122')).toMatchObject({ decision: 'skipped', reason: 'opted_out', customerId: first.customerId });
  });

  it('invites by SMS from a contacts import too, and refuses a line with no way to reach the customer', async () => {
    const csv = [
      'externalId,channel,address,phone,serviceType,occurredAt',
      `import-sms-1,,,+380661234001,card-issue,${new Date().toISOString()}`,
      `import-sms-2,,,,card-issue,${new Date().toISOString()}`,
    ].join('\n');
    const res = await fetch(`${t.url}/api/v1/imports/contacts`, { method: 'POST', headers: { 'Content-Type': 'text/csv', ...bearer(TEST_ADMIN_KEY) }, body: csv });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      accepted: 1,
      decisions: { invited: 1, scheduled: 0, skipped: 0 },
      rejected: [{ line: 3, reason: expect.stringContaining('a customer needs channel and address, or a phone or e-mail') as string }],
    });
    expect(tokenOf(await sms('+380661234001'))).toMatch(/^sv_/);
  });

  it('answers an unknown link with a page that says so, and a malformed one the same', async () => {
    expect((await fetch(`${t.url}/chat/s/sv_${'A'.repeat(24)}`)).status).toBe(404);
    expect((await fetch(`${t.url}/chat/s/not-a-token`)).status).toBe(404);
    expect((await new ChatClient(t.url).openRaw({ locale: 'en', link: `sv_${'A'.repeat(24)}` })).status).toBe(404);
  });

  it("records reports that come before Twilio's answer to the text, once the text is recorded", async () => {
    const via = `${t.url}/webhooks/sms/twilio`;
    const decision = await twilio.whileAnswersHeld(async () => {
      const decision = await report('+380 63 111 22 33');
      const text = await sms('+380631112233');
      expect(await twilio.report(text.sid!, 'sent', { via })).toBe(200);
      expect(await twilio.report(text.sid!, 'delivered', { via })).toBe(200);
      expect((await invitationOf(decision.id))?.status).toBe('pending');
      return decision;
    });
    await waitFor(async () => ((await invitationOf(decision.id))?.status === 'delivered' ? true : undefined), 10_000);
  });
});
