import { DataSource } from 'typeorm';
import { PiiCipher } from '@turbota/privacy';
import type { ContactDecision } from '../support/contact-decision';
import { WHATSAPP_FAILURES } from '../support/fake-whatsapp';
import { type Platforms, startPlatforms } from '../support/platforms';
import { createPolicy } from '../support/survey-policies';
import { apiCall, startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { postWhatsappEvent } from '../support/webhooks';
import { whatsappMessage as msg, whatsappStatus, whatsappWebhook } from '../support/whatsapp-fixtures';

const WHATSAPP = { accessToken: 'EAAG-whatsapp-invitations-token', appSecret: 'whatsapp-invitations-secret-0123', verifyToken: 'turbota-wa-verify-77', invitationTemplate: 'survey_invitation' };
const PLATFORMS = { whatsapp: WHATSAPP };
const TOKEN = /^sv_[A-Za-z0-9_-]{24}$/;

interface ContactView {
  channel: string;
  conversationId: string | null;
  invitation: { channel: string; provider: string; status: string; error: string | null } | null;
}

/**
 * A caller known only by phone, invited on WhatsApp where no SMS provider is configured: the
 * approved template in the contact's language, its quick reply carrying the survey link's token;
 * the tap opens the contact's survey in WhatsApp, the template's statuses move the invitation,
 * and a number that is not on WhatsApp is remembered as unreachable.
 */
describe(`WhatsApp invitations by template (${databaseKind})`, () => {
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let db: DataSource;
  let wamid = 0;

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    t = await startTestApp({ env: { ...platforms.env, DEFAULT_LOCALE: 'en', INVITATION_PRICES: 'whatsapp=1.9', INVITATION_CURRENCY: 'UAH' } });
    db = t.app.get(DataSource);
    await createPolicy(t.url, { name: 'Calls by WhatsApp', serviceTypes: ['call'] });
  });
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
  });

  const fake = () => platforms.whatsapp;
  const nextId = () => `wamid.IN${String(++wamid).padStart(8, '0')}`;
  const post = async (content: Parameters<typeof whatsappWebhook>[0]) => expect((await postWhatsappEvent(t.url, whatsappWebhook(content), { appSecret: WHATSAPP.appSecret })).status).toBe(200);
  const report = async (externalId: string, phone: string, locale = 'uk') => {
    const res = await apiCall(t.url, '/api/v1/contacts', { method: 'POST', body: { externalId, customer: { phone, locale }, agent: 'olena.k', serviceType: 'call', occurredAt: new Date().toISOString() } });
    expect(res.status).toBe(201);
    return (await res.json()) as ContactDecision;
  };
  const contact = async (id: string) => (await (await apiCall(t.url, `/api/v1/contacts/${id}`)).json()) as ContactView;
  const invitationOf = (id: string, status: string) => waitFor(async () => ((await contact(id)).invitation?.status === status ? (await contact(id)).invitation : undefined), 15_000);

  it("sends the template in the contact's language with the link's token on its button, and the tap opens the survey in WhatsApp", async () => {
    const waId = '380673300001';
    const decided = await report('wa-inv-1', `+${waId}`);
    expect(decided.decision).toBe('invited');
    const template = await waitFor(() => fake().sent(waId)[0], 15_000);
    expect(template.type).toBe('template');
    const sent = template.body.template as { name: string; language: { code: string }; components: { type: string; sub_type: string; parameters: { type: string; payload: string }[] }[] };
    expect(sent).toMatchObject({ name: 'survey_invitation', language: { code: 'uk' } });
    const token = sent.components.find((c) => c.sub_type === 'quick_reply')!.parameters[0].payload;
    expect(token).toMatch(TOKEN);
    expect(await contact(decided.id)).toMatchObject({ channel: 'whatsapp', conversationId: null, invitation: { channel: 'whatsapp', provider: 'whatsapp', status: 'accepted' } });

    // Meta reports the template delivered, then read: the invitation is delivered once.
    await post({ statuses: [whatsappStatus(template.messageId!, 'delivered', waId), whatsappStatus(template.messageId!, 'read', waId)] });
    await invitationOf(decided.id, 'delivered');

    // The tap brings the token back: the contact's survey, in Ukrainian, in WhatsApp.
    await post({ messages: [msg.templateReply(waId, nextId(), token, 'Почати')] });
    const question = await waitFor(() => fake().sent(waId)[1], 15_000);
    expect(question.text).toContain('порадите');
    await post({ messages: [msg.text(waId, nextId(), '10')] });
    const scoreOf = () => db.query<{ channel: string; customer_id: string; score: number }[]>(`SELECT a.channel, a.customer_id, a.score FROM answer a JOIN contact c ON c.conversation_id = a.conversation_id WHERE c.id = $1 AND a.question_code = 'nps'`, [decided.id]);
    await waitFor(async () => ((await scoreOf()).length ? true : undefined), 15_000);
    expect(await scoreOf()).toEqual([{ channel: 'whatsapp', customer_id: decided.customerId, score: 10 }]);
    // The customer who wrote is the one invited: one identity, under the number's blind index.
    const address = t.app.get(PiiCipher).blindIndex(`+${waId}`).toString('hex');
    expect(await db.query(`SELECT customer_id FROM customer_identity WHERE channel = 'whatsapp' AND address = $1`, [address])).toEqual([{ customer_id: decided.customerId }]);

    // Tapped again (a re-delivery, or a second tap): one survey per contact.
    await post({ messages: [msg.templateReply(waId, nextId(), token, 'Почати')] });
    await waitFor(() => fake().sent(waId)[2], 15_000);
    expect(await db.query(`SELECT count(*)::int AS n FROM conversation c JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1`, [address])).toEqual([{ n: 1 }]);
  });

  it('marks a number that is not on WhatsApp unreachable, and skips its next contact', async () => {
    const waId = '380673300002';
    fake().failFor(waId, WHATSAPP_FAILURES.undeliverable());
    const first = await report('wa-inv-2', `+${waId}`, 'en');
    const failed = await invitationOf(first.id, 'failed');
    expect(failed!.error).toContain('131026');
    const next = await report('wa-inv-3', `+${waId}`, 'en');
    expect(next).toMatchObject({ decision: 'skipped', reason: 'unreachable' });
  });

  it("records a template Meta failed to deliver after taking it, by its code, though the status came before the answer to the send, and counts WhatsApp's reach and cost", async () => {
    const waId = '380673300003';
    // Meta's status can overtake its answer to the send: here the answer waits until the status is in.
    const { decided, template } = await fake().whileAnswersHeld(async () => {
      const decided = await report('wa-inv-4', `+${waId}`, 'ru');
      const template = await waitFor(() => fake().sent(waId)[0], 15_000);
      await post({ statuses: [whatsappStatus(template.messageId!, 'failed', waId, { code: 131049, title: 'This message was not delivered to maintain healthy ecosystem engagement.' })] });
      expect((await contact(decided.id)).invitation!.status).toBe('pending');
      return { decided, template };
    });
    expect((template.body.template as { language: { code: string } }).language.code).toBe('ru');
    const failed = await invitationOf(decided.id, 'failed');
    expect(failed!.error).toContain('131049');
    // A late "delivered" for a failed invitation changes nothing.
    await post({ statuses: [whatsappStatus(template.messageId!, 'delivered', waId)] });
    expect((await contact(decided.id)).invitation!.status).toBe('failed');

    const reach = (await (await apiCall(t.url, '/api/v1/reports/invitations?channel=whatsapp')).json()) as { channels: Record<string, unknown>[] };
    expect(reach.channels).toHaveLength(1);
    expect(reach.channels[0]).toMatchObject({ channel: 'whatsapp', responseRate: { invited: 3, answered: 1 }, messages: 2, price: 1.9, cost: 3.8, costPerAnswer: 3.8 });
  });
});
