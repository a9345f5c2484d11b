import { readFileSync } from 'node:fs';
import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { projectPath } from '@turbota/common';
import type { ContactDecision } from '../support/contact-decision';
import { ChatClient } from '../support/chat-client';
import { MailCatcher } from '../support/people';
import { apiCall, type ApiCallInit, bearer, startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app';
import { createPolicy } from '../support/survey-policies';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';

jest.setTimeout(60_000);

const PUBLIC_URL = 'https://feedback.example.com';
const LINK = /https:\/\/feedback\.example\.com\/chat\/s\/(sv_[A-Za-z0-9_-]{24})/;
const TEXTS = JSON.parse(readFileSync(projectPath('config/invitation-texts.json'), 'utf8')) as Record<string, { email: Record<string, string> }>;

/**
 * A customer known only by e-mail is invited by e-mail: the survey's question with each score
 * a link that opens the survey with that answer given, and an unsubscribe that mail clients
 * offer as one button (RFC 8058) and that holds on every channel.
 */
describe(`invitations by e-mail with a personal survey link (${databaseKind})`, () => {
  const mail = new MailCatcher();
  let t: TestApp;
  let db: DataSource;
  let n = 0;

  beforeAll(async () => {
    const smtpUrl = await mail.start();
    t = await startTestApp({ env: { PUBLIC_URL, SMTP_URL: smtpUrl, MAIL_FROM: 'Turbota <feedback@example.com>' } });
    db = t.app.get(DataSource);
    await createPolicy(t.url, { name: 'Orders', serviceTypes: ['order'] });
  });
  afterAll(async () => {
    await t?.close();
    await mail.close();
  });

  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);
  async function report(customer: Record<string, unknown>): Promise<ContactDecision> {
    const body = { externalId: `mail-${++n}`, customer, agent: 'taras.m', serviceType: 'order', occurredAt: new Date().toISOString() };
    const res = await call('/api/v1/contacts', { method: 'POST', body });
    expect(res.status).toBe(201);
    return (await res.json()) as ContactDecision;
  }
  const mailTo = (address: string) => waitFor(() => mail.to(address)[0], 10_000);
  const header = (message: ParsedMail, name: string) => message.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ');
  const invitationOf = async (contactId: string) => ((await (await call(`/api/v1/contacts/${contactId}`)).json()) as { invitation: Record<string, unknown> | null }).invitation;
  const scoresOf = (contactId: string) =>
    db.query<Record<string, unknown>[]>(
      `SELECT channel, agent, service_type, customer_id, score FROM answer WHERE question_code = 'nps' AND conversation_id = (SELECT conversation_id FROM contact WHERE id = $1)`,
      [contactId],
    );

  it('e-mails the survey in the customer\'s language: a score button answers the first question as the survey opens', async () => {
    const decision = await report({ email: 'Olha.Petrenko@example.com', locale: 'uk', name: 'Ольга' });
    expect(decision).toMatchObject({ decision: 'invited', message: 'The customer is invited now by e-mail, with a personal survey link' });
    const message = await mailTo('Olha.Petrenko@example.com');
    expect(message.subject).toBe(TEXTS.uk.email.subject);
    expect(message.from?.value).toEqual([{ name: 'Turbota', address: 'feedback@example.com' }]);
    // The plain part: a greeting by name, the question, the survey's address, the unsubscribe line.
    const token = LINK.exec(message.text!)![1];
    expect(message.text).toContain('Ольга');
    expect(message.text).toContain(`${PUBLIC_URL}/chat/s/${token}/unsubscribe`);
    // The HTML part: the eleven scores, each a link with its answer, and the open button.
    const html = message.html as string;
    const answers = [...html.matchAll(/href="([^"]+)\?answer=(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(answers).toEqual(Array.from({ length: 11 }, (_, i) => [`${PUBLIC_URL}/chat/s/${token}`, i]));
    expect(html).toContain(TEXTS.uk.email.answerHint);
    expect(html).toContain('lang="uk"');
    // One-click unsubscribing, as mail clients offer it.
    expect(header(message, 'list-unsubscribe')).toBe(`<${PUBLIC_URL}/chat/s/${token}/unsubscribe>`);
    expect(header(message, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    await waitFor(async () => ((await invitationOf(decision.id))?.status === 'accepted' ? true : undefined));
    expect(await invitationOf(decision.id)).toMatchObject({ channel: 'email', provider: 'smtp', status: 'accepted', encoding: null, segments: null, attempts: 1, error: null });
    expect(await db.query(`SELECT token_sealed FROM invitation_message WHERE contact_id = $1`, [decision.id])).toEqual([{ token_sealed: null }]);

    // Following the score's link answers nothing (a mail scanner does that); the page opening the survey with it does.
    const page = await fetch(`${t.url}/chat/s/${token}?answer=9`);
    expect(await page.text()).toContain('"linkAnswer":9');
    expect(await scoresOf(decision.id)).toEqual([]);
    const chat = new ChatClient(t.url);
    const opened = await chat.open({ locale: 'uk', link: token, answer: 9 });
    expect(opened.messages.some((m) => m.from === 'customer' && m.text === '9')).toBe(true);
    expect(await scoresOf(decision.id)).toEqual([{ channel: 'web', agent: 'taras.m', service_type: 'order', customer_id: decision.customerId, score: 9 }]);
    // Another click on another score later goes on with the survey; the first answer stands.
    const again = await chat.open({ locale: 'uk', link: token, session: chat.session, answer: 3 });
    expect(again.session).toBe(chat.session);
    expect(await scoresOf(decision.id)).toEqual([expect.objectContaining({ score: 9 })]);
  });

  it('refuses a score no scale has, and opens on the question when no score is given', async () => {
    const decision = await report({ email: 'max@example.com', locale: 'en' });
    const token = LINK.exec((await mailTo('max@example.com')).text!)![1];
    expect(await (await fetch(`${t.url}/chat/s/${token}?answer=11`)).text()).toContain('"linkAnswer":null');
    const refused = await new ChatClient(t.url).openRaw({ locale: 'en', link: token, answer: 11 });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('answer is a score of 0-10');
    const opened = await new ChatClient(t.url).open({ locale: 'en', link: token });
    expect(opened.messages.at(-1)?.prompt).toMatchObject({ kind: 'scale', questionCode: 'nps' });
    expect(await scoresOf(decision.id)).toEqual([]);
  });

  it('unsubscribes in one click on every channel, and asks first on the page a link opens', async () => {
    const first = await report({ email: 'iryna@example.com', locale: 'ru' });
    const message = await mailTo('iryna@example.com');
    const unsubscribe = header(message, 'list-unsubscribe')!.slice(1, -1).replace(PUBLIC_URL, t.url);
    // The page a click opens asks; following it unsubscribes no one.
    const page = await fetch(unsubscribe);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    const asked = await page.text();
    expect(asked).toContain('<form class="unsubscribe__form" method="post">');
    expect(asked).toContain('lang="ru"');
    expect(await report({ email: 'iryna@example.com', locale: 'ru' })).toMatchObject({ decision: 'invited' });
    // The mail client's one-click POST (RFC 8058).
    const posted = await fetch(unsubscribe, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(posted.status).toBe(200);
    expect(await posted.text()).not.toContain('<form');
    expect(await report({ email: 'IRYNA@example.com', locale: 'ru' })).toMatchObject({ decision: 'skipped', reason: 'opted_out', customerId: first.customerId });
    expect((await fetch(`${t.url}/chat/s/sv_${'Q'.repeat(24)}/unsubscribe`, { method: 'POST' })).status).toBe(404);
  });

  it('remembers a mailbox that does not exist, and invites it no more', async () => {
    mail.unknown.add('nobody@example.com');
    const first = await report({ email: 'nobody@example.com', locale: 'en' });
    expect(first.decision).toBe('invited');
    await waitFor(async () => ((await invitationOf(first.id))?.status === 'failed' ? true : undefined), 10_000);
    expect(await invitationOf(first.id)).toMatchObject({ status: 'failed', error: 'Recipient unreachable: SMTP 550' });
    expect(await report({ email: 'nobody@example.com', locale: 'en' })).toMatchObject({ decision: 'skipped', reason: 'unreachable', customerId: first.customerId });
  });

  it('invites by e-mail from a contacts import too, and by e-mail when a phone is given but SMS is off', async () => {
    const csv = ['externalId,channel,address,locale,phone,email,serviceType,occurredAt', `mail-import-1,,,en,+380501112233,import@example.com,order,${new Date().toISOString()}`].join('\n');
    const res = await fetch(`${t.url}/api/v1/imports/contacts`, { method: 'POST', headers: { 'Content-Type': 'text/csv', ...bearer(TEST_ADMIN_KEY) }, body: csv });
    const body = (await res.json()) as Record<string, unknown>;
    expect({ status: res.status, body }).toMatchObject({ status: 200, body: { accepted: 1, decisions: { invited: 1, scheduled: 0, skipped: 0 } } });
    expect((await mailTo('import@example.com')).subject).toBe(TEXTS.en.email.subject);
  });
});
