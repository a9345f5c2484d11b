import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ChatClient } from '../support/chat-client';
import { FakeTurboSms } from '../support/fake-turbosms';
import { createPolicy } from '../support/survey-policies';
import { apiCall, startTestApp, type TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';

jest.setTimeout(60_000);

const PUBLIC_URL = 'https://feedback.example.com';
const TOKEN = 'turbosms-api-token-for-tests';
const SECRET = 'turbosms-panel-secret';
const LINK = /\/chat\/s\/(sv_[A-Za-z0-9_-]{24})/;

/**
 * The second SMS provider end to end: a caller known only by phone is texted through TurboSMS's
 * HTTP API with the registered sender name, answers through the link, and the panel's webhook
 * moves the text's status; a report not signed with the panel's secret changes nothing, and a
 * number on TurboSMS's stop list opts the customer out.
 */
describe(`invitations by SMS through TurboSMS (${databaseKind})`, () => {
  let turbosms: FakeTurboSms;
  let t: TestApp;
  let db: DataSource;
  let n = 0;

  beforeAll(async () => {
    turbosms = await FakeTurboSms.start(TOKEN);
    const env = { PUBLIC_URL, TURBOSMS_TOKEN: TOKEN, TURBOSMS_SENDER: 'Turbota', TURBOSMS_API_URL: turbosms.url, TURBOSMS_WEBHOOK_SECRET: SECRET };
    t = await startTestApp({ env });
    db = t.app.get(DataSource);
    // The panel's webhook, pointed at this app (the public address stands in front of it).
    turbosms.webhook = { url: `${t.url}/webhooks/sms/turbosms`, secret: SECRET };
    await createPolicy(t.url, { name: 'Calls', serviceTypes: ['call'] });
  });
  afterAll(async () => {
    await t?.close();
    await turbosms?.close();
  });

  async function invite(phone: string, locale = 'uk'): Promise<{ id: string; customerId: string; decision: string; reason: string | null }> {
    const body = { externalId: `turbosms-${++n}`, customer: { phone, locale }, agent: 'andrii', serviceType: 'call', occurredAt: new Date().toISOString() };
    const res = await apiCall(t.url, '/api/v1/contacts', { method: 'POST', body });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; customerId: string; decision: string; reason: string | null };
  }
  const invitationOf = async (contactId: string) =>
    ((await (await apiCall(t.url, `/api/v1/contacts/${contactId}`)).json()) as { invitation: Record<string, unknown> | null }).invitation;
  /** Posts a DLR_SMS_API event as the panel does, with the signature given (the right one by default). */
  async function report(messageId: string, status: string, signature?: (eventId: string) => string): Promise<number> {
    const eventId = String(900_000 + ++n);
    const signed = signature ? signature(eventId) : createHash('sha1').update(SECRET + eventId).digest('hex');
    const body = { id: eventId, signature: signed, type: 'DLR_SMS_API', date: '2026-12-07 10:00:00', try: 1, data: { message_id: messageId, recipient: '380671230001', status } };
    const res = await fetch(`${t.url}/webhooks/sms/turbosms`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return res.status;
  }

  it('texts the caller through TurboSMS; the link opens the survey, and the answers carry the contact', async () => {
    const contact = await invite('+380 67 123 00 01');
    expect(contact.decision).toBe('invited');
    const sms = await waitFor(() => turbosms.sent('+380671230001')[0], 10_000);
    expect(sms.sender).toBe('Turbota');
    await waitFor(async () => ((await invitationOf(contact.id))?.status === 'accepted' ? true : undefined));
    expect(await invitationOf(contact.id)).toMatchObject({ channel: 'sms', provider: 'turbosms', encoding: 'UCS-2', segments: 3, error: null });

    const chat = new ChatClient(t.url);
    await chat.open({ locale: 'uk', link: LINK.exec(sms.text)![1] });
    await chat.send({ kind: 'scale', value: 4 });
    expect(await db.query(`SELECT channel, agent, customer_id, score FROM answer WHERE question_code = 'nps' AND conversation_id = (SELECT conversation_id FROM contact WHERE id = $1)`, [contact.id])).toEqual([
      { channel: 'web', agent: 'andrii', customer_id: contact.customerId, score: 4 },
    ]);

    // The panel's reports: forward only, each signed with the secret and its event id.
    expect(await turbosms.report(sms.id!, 'Sent')).toBe(200);
    expect(await turbosms.report(sms.id!, 'Delivered')).toBe(200);
    expect(await turbosms.report(sms.id!, 'Sent')).toBe(200);
    expect(await invitationOf(contact.id)).toMatchObject({ status: 'delivered' });
  });

  it('refuses reports not signed with the panel secret for their own event id, and changes nothing', async () => {
    const contact = await invite('+380 67 123 00 02');
    const sms = await waitFor(() => turbosms.sent('+380671230002')[0], 10_000);
    await waitFor(async () => ((await invitationOf(contact.id))?.status === 'accepted' ? true : undefined));
    const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
    const forged = [
      () => '',
      (eventId: string) => sha1(`another-secret${eventId}`),
      // A signature captured from another event, replayed on this one.
      () => sha1(`${SECRET}1`),
      (eventId: string) => sha1(SECRET + eventId).slice(0, 39),
    ];
    for (const signature of forged) expect(await report(sms.id!, 'Delivered', signature)).toBe(401);
    expect(await invitationOf(contact.id)).toMatchObject({ status: 'accepted' });
    expect(await report(sms.id!, 'Delivered')).toBe(200);
    expect(await invitationOf(contact.id)).toMatchObject({ status: 'delivered' });
  });

  it('opts out a customer whose number is on the stop list, and invites them no more', async () => {
    turbosms.stoplisted.add('380671230003');
    const first = await invite('+380 67 123 00 03');
    await waitFor(async () => ((await invitationOf(first.id))?.status === 'failed' ? true : undefined), 10_000);
    expect((await invitationOf(first.id))?.error).toMatch(/opted out/);
    expect(await invite('+380671230003')).toMatchObject({ decision: 'skipped', reason: 'opted_out', customerId: first.customerId });
  });
});
