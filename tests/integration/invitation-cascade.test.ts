import { DataSource } from 'typeorm';
import { InvitationWorker } from '@turbota/triggers';
import { ChatClient } from '../support/chat-client';
import type { ContactDecision } from '../support/contact-decision';
import { FakeTwilio } from '../support/fake-twilio';
import { FakeViber, type ViberCall } from '../support/fake-viber';
import { FakeWhatsapp, WHATSAPP_FAILURES } from '../support/fake-whatsapp';
import { ManualClock } from '../support/manual-clock';
import { createPolicy } from '../support/survey-policies';
import { apiCall, bearer, startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { viberCallback } from '../support/viber-fixtures';
import { waitFor } from '../support/wait-for';
import { postViberCallback } from '../support/webhooks';
import { WHATSAPP_PHONE_NUMBER_ID } from '../support/whatsapp-fixtures';

jest.setTimeout(60_000);

const PUBLIC_URL = 'https://feedback.example.com';
const SID = `AC${'7'.repeat(32)}`;
const TWILIO_TOKEN = 'twilio-auth-token-for-cascade';
const VIBER_TOKEN = '5b2c3d4e5f607182-93a4b5c6d7e8f90a-1b2c3d4e5f607182';
const WHATSAPP_TOKEN = 'EAAG-cascade-whatsapp-token';
const LINK = /https:\/\/feedback\.example\.com\/chat\/s\/(sv_[A-Za-z0-9_-]{24})/;
const DAY_MINUTES = 24 * 60;

/** A step of a contact's cascade as GET /contacts/{id} shows it. */
interface Step {
  position: number;
  channel: string;
  status: string;
  reason: string | null;
  decidedAt: string;
  nextAt: string | null;
}

describe(`the invitation cascade: Viber or WhatsApp, then SMS after the wait (${databaseKind})`, () => {
  // Moving forward only: the outbox rows' database times stay behind the clock.
  const clock = new ManualClock(new Date());
  let viber: FakeViber;
  let twilio: FakeTwilio;
  let whatsapp: FakeWhatsapp;
  let t: TestApp;
  let db: DataSource;
  let n = 0;
  let messageToken = 6_912_661_846_655_238_000n;

  beforeAll(async () => {
    viber = await FakeViber.start(VIBER_TOKEN);
    twilio = await FakeTwilio.start(SID, TWILIO_TOKEN);
    whatsapp = await FakeWhatsapp.start(WHATSAPP_TOKEN, WHATSAPP_PHONE_NUMBER_ID);
    const whatsappEnv = {
      WHATSAPP_ACCESS_TOKEN: WHATSAPP_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: 'cascade-whatsapp-app-secret',
      WHATSAPP_VERIFY_TOKEN: 'cascade-verify',
      WHATSAPP_INVITATION_TEMPLATE: 'survey_invitation',
      WHATSAPP_API_URL: whatsapp.url,
    };
    t = await startTestApp({
      env: { PUBLIC_URL, VIBER_AUTH_TOKEN: VIBER_TOKEN, VIBER_API_URL: viber.url, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, TWILIO_FROM: '+15005550006', TWILIO_API_URL: twilio.url, ...whatsappEnv },
      clock,
    });
    db = t.app.get(DataSource);
    await createPolicy(t.url, { name: 'Viber then SMS', serviceTypes: ['card-issue'], cascade: [{ channel: 'viber', waitMinutes: 30 }, { channel: 'sms' }] });
    await createPolicy(t.url, { name: 'SMS then Viber', serviceTypes: ['sms-first'], cascade: [{ channel: 'sms', waitMinutes: 30 }, { channel: 'viber' }] });
    await createPolicy(t.url, { name: 'WhatsApp then SMS', serviceTypes: ['whatsapp-first'], cascade: [{ channel: 'whatsapp', waitMinutes: 30 }, { channel: 'sms' }] });
  });
  afterAll(async () => {
    await t.close();
    await twilio.close();
    await viber.close();
    await whatsapp.close();
  });

  async function report(customer: Record<string, unknown>, serviceType = 'card-issue'): Promise<ContactDecision> {
    const body = { externalId: `cascade-${++n}`, customer: { locale: 'en', ...customer }, serviceType, occurredAt: clock.now().toISOString() };
    const res = await apiCall(t.url, '/api/v1/contacts', { method: 'POST', body });
    expect(res.status).toBe(201);
    return (await res.json()) as ContactDecision;
  }
  const contactOf = async (id: string) =>
    (await (await apiCall(t.url, `/api/v1/contacts/${id}`)).json()) as { cascade: Step[]; conversationId: string | null; invitation: { channel: string; status: string } | null };
  const stepsOf = async (id: string) => (await contactOf(id)).cascade.map(({ position, channel, status, reason }) => ({ position, channel, status, reason }));
  /** Runs the follow-ups due now; the background worker on the same clock may take one first, so the steps are waited for. */
  const followUp = async (id: string, steps: number) => {
    await t.app.get(InvitationWorker).tick();
    return waitFor(async () => ((await contactOf(id)).cascade.length >= steps ? stepsOf(id) : undefined));
  };
  const exists = async (sql: string, params: unknown[]) => ((await db.query<unknown[]>(sql, params)).length > 0 ? true : undefined);
  const smsCount = async (id: string) => (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM invitation_message WHERE contact_id = $1`, [id]))[0].n;
  const viberInvitation = async (user: string): Promise<ViberCall> => {
    const call = await waitFor(() => viber.sent(user)[0]);
    // The outbox has recorded what Viber took, so its reports find the message.
    await waitFor(() => exists(`SELECT 1 FROM message WHERE platform_message_id = $1 AND delivery = 'sent'`, [call.token]));
    return call;
  };
  const postViber = async (fixture: 'failed' | 'message-text', user: string, options: { token?: string; text?: string } = {}) => {
    const res = await postViberCallback(t.url, viberCallback(fixture, { token: options.token ?? String(++messageToken), userId: user, text: options.text }), { token: VIBER_TOKEN });
    expect(res.status).toBe(200);
  };
  const answerInViber = async (call: ViberCall, user: string, score: string) => {
    const buttons = (call.body.keyboard as { Buttons: { Text: string; ActionBody: string }[] }).Buttons;
    await postViber('message-text', user, { text: buttons.find((b) => b.Text === score)!.ActionBody });
    await waitFor(() => exists(`SELECT 1 FROM answer a JOIN customer_identity i ON i.customer_id = a.customer_id WHERE i.address = $1`, [user]));
  };

  it('texts the survey link only after the wait when Viber reports the invitation failed', async () => {
    const user = 'cascade-viber-1=';
    const contact = await report({ channel: 'viber', address: user, phone: '+380 67 000 00 01' });
    expect(contact).toMatchObject({ decision: 'invited', reason: null });
    const invitation = await viberInvitation(user);
    await postViber('failed', user, { token: invitation.token });
    await waitFor(() => exists(`SELECT 1 FROM message WHERE platform_message_id = $1 AND delivery = 'failed'`, [invitation.token]));

    clock.advance(29);
    await t.app.get(InvitationWorker).tick();
    expect(await smsCount(contact.id)).toBe(0);
    expect(await stepsOf(contact.id)).toEqual([{ position: 1, channel: 'viber', status: 'sent', reason: 'first' }]);

    clock.advance(2);
    expect(await followUp(contact.id, 2)).toEqual([
      { position: 1, channel: 'viber', status: 'sent', reason: 'first' },
      { position: 2, channel: 'sms', status: 'sent', reason: 'not_delivered' },
    ]);
    const text = await waitFor(() => twilio.sent('+380670000001')[0], 10_000);
    expect(text.text).toMatch(LINK);
    const view = await contactOf(contact.id);
    expect(view.invitation).toMatchObject({ channel: 'sms' });
    expect(view.cascade[0].nextAt).toEqual(expect.any(String));
    expect(view.cascade[1].nextAt).toBeNull();
  });

  it('texts after the wait when Viber delivered but nothing was answered, and ends the silent Viber survey', async () => {
    const user = 'cascade-viber-2=';
    const contact = await report({ channel: 'viber', address: user, phone: '+380 67 000 00 02' });
    await viberInvitation(user);
    const [{ conversation_id: viberConversation }] = await db.query<{ conversation_id: string }[]>(`SELECT conversation_id FROM contact WHERE id = $1`, [contact.id]);

    clock.advance(31);
    expect(await followUp(contact.id, 2)).toEqual([
      { position: 1, channel: 'viber', status: 'sent', reason: 'first' },
      { position: 2, channel: 'sms', status: 'sent', reason: 'not_answered' },
    ]);
    await waitFor(() => twilio.sent('+380670000002')[0], 10_000);
    expect(await db.query(`SELECT status, ended_at IS NOT NULL AS ended FROM conversation WHERE id = $1`, [viberConversation])).toEqual([{ status: 'expired', ended: true }]);
    // The contact now waits on the link, which opens no conversation until tapped.
    expect((await contactOf(contact.id)).conversationId).toBeNull();
  });

  it('never texts a customer who answered in Viber, past every wait and the answer timeout', async () => {
    const user = 'cascade-viber-3=';
    const contact = await report({ channel: 'viber', address: user, phone: '+380 67 000 00 03' });
    await answerInViber(await viberInvitation(user), user, '9');

    clock.advance(31);
    expect(await followUp(contact.id, 2)).toEqual([
      { position: 1, channel: 'viber', status: 'sent', reason: 'first' },
      { position: 2, channel: 'sms', status: 'cancelled', reason: 'answered' },
    ]);
    clock.advance(DAY_MINUTES);
    await t.app.get(InvitationWorker).tick();
    expect(await smsCount(contact.id)).toBe(0);
    expect(twilio.sent('+380670000003')).toEqual([]);
    expect(await db.query(`SELECT cascade_at, non_responder_at FROM contact WHERE id = $1`, [contact.id])).toEqual([{ cascade_at: null, non_responder_at: null }]);
  });

  it('passes Viber by for a customer with no Viber address, and texts at once', async () => {
    const contact = await report({ phone: '+380 67 000 00 04' });
    expect(contact).toMatchObject({ decision: 'invited' });
    expect(await stepsOf(contact.id)).toEqual([
      { position: 1, channel: 'viber', status: 'skipped', reason: 'no_address' },
      { position: 2, channel: 'sms', status: 'sent', reason: 'first' },
    ]);
    await waitFor(() => twilio.sent('+380670000004')[0], 10_000);
  });

  it("puts the channel the contact was reported on first, before the policy's", async () => {
    const user = 'cascade-viber-5=';
    const contact = await report({ channel: 'viber', address: user, phone: '+380 67 000 00 05' }, 'sms-first');
    expect(await stepsOf(contact.id)).toEqual([{ position: 1, channel: 'viber', status: 'sent', reason: 'first' }]);
    await viberInvitation(user);
    expect(await smsCount(contact.id)).toBe(0);
  });

  it('refuses the SMS link as used once the customer answered on a later step in Viber', async () => {
    const user = 'cascade-viber-6=';
    // Known on Viber from an earlier contact they did not answer; now reported by phone alone.
    await report({ channel: 'viber', address: user, phone: '+380 67 000 00 06' }, 'no-cascade');
    const contact = await report({ phone: '+380 67 000 00 06' }, 'sms-first');
    expect(await stepsOf(contact.id)).toEqual([{ position: 1, channel: 'sms', status: 'sent', reason: 'first' }]);
    const token = LINK.exec((await waitFor(() => twilio.sent('+380670000006')[0], 10_000)).text)![1];

    clock.advance(31);
    expect(await followUp(contact.id, 2)).toEqual([
      { position: 1, channel: 'sms', status: 'sent', reason: 'first' },
      { position: 2, channel: 'viber', status: 'sent', reason: 'not_answered' },
    ]);
    await answerInViber(await waitFor(() => viber.sent(user).at(-1)), user, '10');

    const opened = await new ChatClient(t.url).openRaw({ locale: 'en', link: token });
    expect(opened.status).toBe(410);
    expect(await opened.text()).toContain('already opened');
  });

  it('decides the steps of imported contacts as POST /contacts does', async () => {
    const at = clock.now().toISOString();
    const csv = ['externalId,channel,address,phone,serviceType,occurredAt', `import-cascade-1,,,+380670000007,card-issue,${at}`, `import-cascade-2,viber,cascade-viber-8=,+380670000008,card-issue,${at}`].join('\n');
    const res = await fetch(`${t.url}/api/v1/imports/contacts`, { method: 'POST', headers: { 'Content-Type': 'text/csv', ...bearer(TEST_ADMIN_KEY) }, body: csv });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 2, decisions: { invited: 2 } });
    const ids = await db.query<{ id: string }[]>(`SELECT id FROM contact WHERE external_id IN ('import-cascade-1', 'import-cascade-2') ORDER BY external_id`);
    expect(await stepsOf(ids[0].id)).toEqual([
      { position: 1, channel: 'viber', status: 'skipped', reason: 'no_address' },
      { position: 2, channel: 'sms', status: 'sent', reason: 'first' },
    ]);
    expect(await stepsOf(ids[1].id)).toEqual([{ position: 1, channel: 'viber', status: 'sent', reason: 'first' }]);
    await waitFor(() => viber.sent('cascade-viber-8=')[0]);
  });

  it('reports the response rate and NPS of each cascade step', async () => {
    const report = (await (await apiCall(t.url, '/api/v1/reports/invitations')).json()) as { steps: { position: number; channel: string; responseRate: { invited: number; answered: number }; nps: { promoters: number } }[] };
    const step = (position: number, channel: string) => report.steps.find((s) => s.position === position && s.channel === channel);
    // Viber first: sent to the five contacts reported on Viber; one answered (9) before SMS went.
    expect(step(1, 'viber')).toMatchObject({ responseRate: { invited: 5, answered: 1 }, nps: { promoters: 1 } });
    // SMS second: after the failed and the unanswered Viber invitations (the later waits passed for the one reported on Viber under
    // the SMS-first policy too), and first after a skipped Viber; nobody answered the texts.
    expect(step(2, 'sms')).toMatchObject({ responseRate: { invited: 5, answered: 0 } });
    // Viber second after an unanswered text, answered with a 10.
    expect(step(2, 'viber')).toMatchObject({ responseRate: { invited: 1, answered: 1 }, nps: { promoters: 1 } });
    const csv = await (await apiCall(t.url, '/api/v1/reports/invitations?format=csv')).text();
    expect(csv.trim().split(/\r?\n/).filter((line) => line.endsWith(',2'))).toHaveLength(2);
  });

  it("invites a phone by WhatsApp's template first where the policy says so, and texts after the wait when the number is not on WhatsApp", async () => {
    whatsapp.failFor('+380670000009', WHATSAPP_FAILURES.undeliverable());
    const contact = await report({ phone: '+380 67 000 00 09' }, 'whatsapp-first');
    expect(await stepsOf(contact.id)).toEqual([{ position: 1, channel: 'whatsapp', status: 'sent', reason: 'first' }]);
    await waitFor(async () => ((await contactOf(contact.id)).invitation?.status === 'failed' ? true : undefined), 15_000);
    expect(twilio.sent('+380670000009')).toEqual([]);

    clock.advance(31);
    expect(await followUp(contact.id, 2)).toEqual([
      { position: 1, channel: 'whatsapp', status: 'sent', reason: 'first' },
      { position: 2, channel: 'sms', status: 'sent', reason: 'not_delivered' },
    ]);
    expect((await waitFor(() => twilio.sent('+380670000009')[0], 10_000)).text).toMatch(LINK);
  });
});
