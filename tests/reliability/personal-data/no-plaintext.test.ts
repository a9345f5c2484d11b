import { DataSource } from 'typeorm';
import { seededRandom } from '@turbota/common';
import { telegramUpdate } from '../../support/telegram-fixtures';
import { ChatClient } from '../../support/chat-client';
import { Api, complainInWebChat, type IncidentListJson } from '../../support/incidents-api';
import { ManualClock } from '../../support/manual-clock';
import { registerPoints } from '../../support/points';
import { startTestApp, TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { recordFigures } from './figures';
import { findSecrets, pgDump, phoneForms, scanDatabase, type Secret } from './pii-scan';
import { postTelegramUpdate, postWhatsappEvent } from '../../support/webhooks';
import { whatsappMessage, whatsappWebhook } from '../../support/whatsapp-fixtures';
import { type Platforms, startPlatforms } from '../../support/platforms';

jest.setTimeout(90_000);

const SEED = 20_261_202;
const TELEGRAM_TOKEN = '7000000010:AAHplaintext-token';
const TELEGRAM_SECRET = 'plaintext-webhook-secret';
const VIBER_TOKEN = '4dafb7e0f40021e6-1a47a1e6778d187f-2c5a676a0705pii0';
const SLACK_TOKEN = 'xoxb-0000-pii-token';
const SLACK_SECRET = '8f742231b10e8888abcd99yyyzzz85pii';
const CHANNEL = 'C0PIIESC';
const WHATSAPP_SECRET = 'plaintext-whatsapp-app-secret';

/** The people of the run: each phone, e-mail and name appears in the inputs and must appear nowhere at rest or in logs. */
const HANNA = { phone: '+380672011111', typed: '+380 67 201 11 11', email: 'hanna.webchat@example.com', words: 'Hanna waited forty minutes at window seven' };
const TARAS = { phone: '+380672022222', email: 'taras.telegram@example.com', name: 'Taras Shevtest' };
const VIRA = { phone: '+380672033333', typed: '+380 (67) 203-33-33', name: 'Vira Vibertest' };
const IVAN = { phone: '+380672044444', email: 'incident.ivan@example.com', name: 'Ivan Incidentenko' };
const IRYNA = { phone: '+380672055555', email: 'import.iryna@example.com', name: 'Iryna Importenko' };
const MYKOLA = { phone: '+380672077777', name: 'Mykola Telegramenko' };
const PETRO = { email: 'petro.complains@example.com', badPhone: '+38067206666', words: 'Petro saw a rude guard at the north gate' };
const BLOCKED = { phone: '+380672088888', name: 'Blocked Blockenko' };
/** Writes from WhatsApp, whose id for them is their number, and shares it at the contact step. */
const OLHA = { phone: '+380672066666', name: 'Olha Whatsappenko' };
/** Types their contacts into free text, never at a contact step. */
const SERHII = { phone: '+380672099999', typed: '067 209 99 99', email: 'serhii.freetext@example.com' };

const PHONES = [HANNA, TARAS, VIRA, IVAN, IRYNA, MYKOLA, BLOCKED, SERHII, OLHA].map((p) => ({ label: p.phone, forms: phoneForms(p.phone) }));
const EMAILS = [HANNA, TARAS, IVAN, IRYNA, PETRO, SERHII].map((p) => ({ label: p.email, forms: [p.email, p.email.toUpperCase()] }));
const NAMES = [TARAS, VIRA, IVAN, IRYNA, MYKOLA, BLOCKED, OLHA].map((p) => ({ label: p.name, forms: [p.name] }));
const BAD_PHONE = { label: 'invalid phone', forms: [PETRO.badPhone, PETRO.badPhone.slice(1)] };

const PLATFORMS = {
  telegram: { token: TELEGRAM_TOKEN, secret: TELEGRAM_SECRET },
  viber: { authToken: VIBER_TOKEN },
  slack: { token: SLACK_TOKEN, signingSecret: SLACK_SECRET, escalationChannel: CHANNEL },
  whatsapp: { accessToken: 'EAAG-plaintext-wa-token', appSecret: WHATSAPP_SECRET, verifyToken: 'plaintext-wa-verify' },
};

describe(`personal data at rest, in logs and in Slack (${databaseKind})`, () => {
  // Midday in Kyiv, outside the default policy's quiet hours, so reported contacts are invited at once whenever the suite runs.
  const clock = new ManualClock(`${new Date().toISOString().slice(0, 10)}T10:00:00Z`);
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let db: DataSource;
  let admin: Api;
  let integration: Api;
  const sessions: string[] = [];
  let updateId = 90_000;

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    t = await startTestApp({
      random: seededRandom(SEED),
      clock,
      env: { DEFAULT_LOCALE: 'en', ...platforms.env },
    });
    await registerPoints(t.url, 'kyiv-central', 'lviv-market');
    db = t.app.get(DataSource);
    admin = new Api(t.url);
    integration = admin.as(await admin.key('integration', 'CRM'));
  });
  afterAll(async () => {
    await t.close();
    await platforms.close();
  });

  const contact = (n: string, customer: Record<string, string>) =>
    integration.call('/api/v1/contacts', { body: { externalId: `pii-${n}`, customer: { locale: 'en', ...customer }, occurredAt: clock.now().toISOString() } });
  const telegramHook = (body: unknown) => postTelegramUpdate(t.url, body, { secret: TELEGRAM_SECRET });

  /** A run across the channels and the API, with complaints, incidents, an import and the error paths. */
  async function fullRun(): Promise<Record<string, number>> {
    // Web chat: a detractor leaves a phone (an incident), then more words as organic feedback.
    sessions.push(await complainInWebChat(t.url, { point: 'kyiv-central', score: 1, reason: 'waiting', phone: HANNA.typed }));
    const hanna = new ChatClient(t.url);
    await hanna.open({ locale: 'en', session: sessions[0] });
    await hanna.send({ kind: 'text', text: HANNA.words });
    // Web chat: /complain with words, first a phone that is not one, then an e-mail.
    const petro = new ChatClient(t.url);
    await petro.open({ locale: 'en', point: 'lviv-market' });
    sessions.push(petro.session);
    await petro.send({ kind: 'command', command: 'complain' });
    await petro.send({ kind: 'text', text: PETRO.words });
    await petro.send({ kind: 'contact', phone: PETRO.badPhone });
    await petro.send({ kind: 'contact', email: PETRO.email });
    // Web chat: contacts typed among words, where no contact was asked for: kept masked.
    const serhii = new ChatClient(t.url);
    await serhii.open({ locale: 'en', point: 'kyiv-central' });
    sessions.push(serhii.session);
    await serhii.send({ kind: 'text', text: `Nobody called back, try me on ${SERHII.typed} or ${SERHII.email}` });
    // Telegram: a reported contact with a phone, e-mail and name; a customer who shares a phone; one who blocked the bot.
    expect((await contact('taras', { channel: 'telegram', address: '5100001', name: TARAS.name, phone: TARAS.phone, email: TARAS.email })).status).toBe(201);
    const start = telegramUpdate('message-start', { updateId: ++updateId, chatId: 5_100_002 });
    (start.message.from as unknown as Record<string, string>).first_name = MYKOLA.name;
    expect((await telegramHook(start)).status).toBe(200);
    const shared = telegramUpdate('message-contact', { updateId: ++updateId, chatId: 5_100_002 });
    Object.assign(shared.message.contact as object, { phone_number: MYKOLA.phone.slice(1), first_name: MYKOLA.name });
    expect((await telegramHook(shared)).status).toBe(200);
    platforms.telegram.blocked.add('5100003');
    expect((await contact('blocked', { channel: 'telegram', address: '5100003', name: BLOCKED.name, phone: BLOCKED.phone })).status).toBe(201);
    // WhatsApp: the customer's id is their number; a detractor shares it by the button.
    const olha = OLHA.phone.slice(1);
    let wamid = 0;
    const whatsappSays = async (message: (id: string) => { from: string }) =>
      expect((await postWhatsappEvent(t.url, whatsappWebhook({ messages: [message(`wamid.PII${++wamid}`)], names: { [olha]: OLHA.name } }), { appSecret: WHATSAPP_SECRET })).status).toBe(200);
    const olhaSent = (n: number) => waitFor(() => platforms.whatsapp.sent(olha)[n - 1], 20_000);
    await whatsappSays((id) => whatsappMessage.text(olha, id, '/start kyiv-central'));
    await olhaSent(1);
    await whatsappSays((id) => whatsappMessage.text(olha, id, '1'));
    const reason = await olhaSent(2);
    await whatsappSays((id) => (reason.answers!.length > 3 ? whatsappMessage.listRow : whatsappMessage.button)(olha, id, reason.answers![0].id));
    const contactStep = await olhaSent(3);
    expect(contactStep.answers?.[0].id).toBe('share-phone');
    await whatsappSays((id) => whatsappMessage.button(olha, id, 'share-phone'));
    await olhaSent(4);
    // Viber: a reported contact with the phone as people type it.
    expect((await contact('vira', { channel: 'viber', address: 'vira-viber-id==', name: VIRA.name, phone: VIRA.typed })).status).toBe(201);
    // The API: an incident from the CRM, a bad phone refused, and a CSV import.
    expect((await integration.call('/api/v1/incidents', { body: { externalId: 'pii-incident', phone: IVAN.phone, email: IVAN.email, locale: 'en', reasonCode: 'waiting', pointOfService: 'odesa-port', metric: 'nps', score: 3 } })).status).toBe(201);
    const refused = await contact('bad-phone', { channel: 'telegram', address: '5100004', phone: PETRO.badPhone, name: IVAN.name });
    expect(refused.status).toBe(400);
    expect(await refused.text()).not.toContain(PETRO.badPhone.slice(4));
    const csv = [
      'externalId,channel,address,name,locale,phone,email,agent,serviceType,pointOfService,occurredAt',
      `pii-import-1,viber,iryna-viber-id,${IRYNA.name},en,${IRYNA.phone},${IRYNA.email},agent-7,delivery,kyiv-central,${clock.now().toISOString()}`,
      `pii-import-2,telegram,5100005,${IVAN.name},en,${PETRO.badPhone},,agent-7,delivery,kyiv-central,${clock.now().toISOString()}`,
    ].join('\n');
    const imported = await fetch(`${t.url}/api/v1/imports/contacts`, { method: 'POST', headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${integration.apiKey}` }, body: csv });
    expect(imported.status).toBeLessThan(300);
    const importBody = await imported.text();
    expect(findSecrets(importBody, [...PHONES, ...EMAILS, ...NAMES, BAD_PHONE])).toEqual([]);
    // Every incident reaches Slack, and the blocked customer's invitation has failed for good.
    const incidents = await waitFor(async () => {
      const list = await admin.json<IncidentListJson>('/api/v1/incidents');
      return list.items.length >= 4 && platforms.slack.topLevel(CHANNEL).length >= list.items.length ? list : undefined;
    }, 20_000);
    await waitFor(async () => (await db.query<unknown[]>(`SELECT 1 FROM message WHERE delivery = 'failed'`)).length > 0 || undefined, 20_000);
    return { incidents: incidents.items.length, slackMessages: platforms.slack.topLevel(CHANNEL).length };
  }

  it('stores no phone, e-mail or name in the clear in any table, shows Slack masked contacts, and logs none of them', async () => {
    const run = await fullRun();
    const secrets: Secret[] = [...PHONES, ...EMAILS, BAD_PHONE];
    const scan = await scanDatabase(db, secrets);
    expect(scan.hits).toEqual([]);
    // Names are sealed on the customer; the transcript keeps the greeting's slot, filled in only as it is sent.
    const names = await scanDatabase(db, NAMES);
    expect(names.hits).toEqual([]);
    let dumped: number | null = null;
    if (!t.database.embedded) {
      const dump = await pgDump(t.database.url);
      if (dump !== null) {
        expect(findSecrets(dump, secrets)).toEqual([]);
        dumped = dump.length;
      }
    }
    // Supervisors see contacts masked: the last two digits, the e-mail's first letter and domain.
    const slackText = JSON.stringify(platforms.slack.calls.map((c) => c.args));
    expect(findSecrets(slackText, [...PHONES, ...EMAILS, ...NAMES])).toEqual([]);
    expect(slackText).toContain('+380 ••• ••• 11');
    expect(slackText).toContain('i•••@example.com');
    // Logs at debug level, error paths included: no contact, name or web chat session token.
    const tokens = sessions.map((s) => ({ label: 'web chat session', forms: [s] }));
    const logHits = findSecrets(t.logs.text(), [...secrets, ...tokens, { label: 'words', forms: [HANNA.words, PETRO.words] }]);
    expect(logHits).toEqual([]);
    recordFigures('noPlaintext', { ...run, tables: scan.tables, rowsScanned: scan.rows, hitsInTables: scan.hits.length, namesInTranscripts: names.hits.length, pgDumpBytes: dumped, logLines: t.logs.lines.length, logHits: logHits.length, slackCalls: platforms.slack.calls.length });
  });

  it('erases one customer everywhere: no trace in any table, and the Slack message redrawn without them', async () => {
    const list = await admin.json<IncidentListJson>('/api/v1/incidents');
    const petros = list.items.find((i) => (i.contact as { email?: string } | null)?.email === PETRO.email)!;
    const { customerId } = (await db.query<{ customerId: string }[]>(`SELECT customer_id AS "customerId" FROM incident WHERE id = $1`, [petros.id]))[0];
    const posted = platforms.slack.topLevel(CHANNEL).find((c) => JSON.stringify(c.args).includes('p•••@example.com'))!;
    expect(JSON.stringify(posted.args)).toContain('rude guard');
    const updatesBefore = platforms.slack.updates(CHANNEL, posted.ts!).length;

    expect((await admin.call(`/api/v1/customers/${customerId}`, { method: 'DELETE' })).status).toBe(204);
    const redrawn = await waitFor(() => platforms.slack.updates(CHANNEL, posted.ts!).slice(updatesBefore).at(-1), 20_000);
    const text = JSON.stringify(redrawn.args);
    expect(text).not.toContain('p•••@example.com');
    expect(text).not.toContain('rude guard');
    const theirs: Secret[] = [
      { label: 'e-mail', forms: [PETRO.email] },
      { label: 'invalid phone', forms: BAD_PHONE.forms },
      { label: 'words', forms: [PETRO.words, 'rude guard'] },
      { label: 'session', forms: [sessions[1]] },
    ];
    const scan = await scanDatabase(db, theirs);
    expect(scan.hits).toEqual([]);
    recordFigures('erasure', { slackUpdatesAfterErasure: platforms.slack.updates(CHANNEL, posted.ts!).length - updatesBefore, rowsScanned: scan.rows, hits: scan.hits.length });
  });
});
