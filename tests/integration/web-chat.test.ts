import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PiiCipher } from '@turbota/privacy';
import { ChatClient, promptsOf } from '../support/chat-client';
import { registerPoints } from '../support/points';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

describe(`web chat dialogue over the database (${databaseKind})`, () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await registerPoints(t.url, 'kyiv-central', 'a', 'b');
  });
  afterAll(() => t.close());

  const rows = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => db.query<T[]>(sql, params);
  /** The conversation a message of the chat belongs to. */
  const conversationOf = async (messageId: string) =>
    (await rows<{ conversation_id: string }>(`SELECT conversation_id FROM message WHERE id = $1`, [messageId]))[0].conversation_id;

  it('walks the detractor path and stores every answer with the contact attributes, the phone sealed', async () => {
    const chat = new ChatClient(t.url);
    const opened = await chat.open({ locale: 'en', point: 'kyiv-central' });
    expect(opened.session).toMatch(/^wc_/);
    expect(promptsOf(opened.messages)).toEqual([expect.objectContaining({ kind: 'scale', questionCode: 'nps', min: 0, max: 10 })]);

    const afterScore = await chat.send({ kind: 'scale', value: 2 });
    expect(afterScore[0]).toMatchObject({ from: 'customer', text: '2' });
    const reason = promptsOf(afterScore)[0];
    expect(reason).toMatchObject({ kind: 'choice', questionCode: 'reason' });
    const firstReason = reason.options![0];
    const afterReason = await chat.send({ kind: 'choice', code: firstReason.code });
    expect(afterReason[0]).toMatchObject({ from: 'customer', text: firstReason.label });
    // Straight to the contact request, with "No, thanks": giving the contact is the consent.
    expect(promptsOf(afterReason)[0]).toMatchObject({ kind: 'contact', questionCode: 'contact', declineLabel: 'No, thanks' });
    const afterPhone = await chat.send({ kind: 'contact', phone: '+380 67 123 45 67' });
    expect(afterPhone[0]).toMatchObject({ from: 'customer', text: '+380671234567' });

    const conversationId = await conversationOf(opened.messages[0].id);
    const answers = await rows(`SELECT question_code, score, choice, channel, locale, point_of_service, pool_version, question_text FROM answer WHERE conversation_id = $1 ORDER BY answered_at, question_code`, [conversationId]);
    expect(answers).toEqual([
      expect.objectContaining({ question_code: 'nps', score: 2, channel: 'web', locale: 'en', point_of_service: 'kyiv-central', pool_version: 1 }),
      expect.objectContaining({ question_code: 'reason', choice: firstReason.code, channel: 'web' }),
    ]);
    expect(answers[0].question_text).toMatch(/recommend/i);
    const [complaint] = await rows<{ phone_sealed: Buffer; reason_code: string; score: number; consent_at: Date }>(`SELECT * FROM complaint WHERE conversation_id = $1`, [conversationId]);
    expect(complaint).toMatchObject({ reason_code: firstReason.code, score: 2 });
    expect(complaint.consent_at).toBeInstanceOf(Date);
    expect(t.app.get(PiiCipher).open(complaint.phone_sealed)).toBe('+380671234567');

    const dump = JSON.stringify([
      await rows(`SELECT * FROM complaint`),
      await rows(`SELECT body FROM message`),
      await rows(`SELECT input FROM conversation_input`),
      await rows(`SELECT * FROM answer`),
    ], (_k, v: unknown) => (v && typeof v === 'object' && 'type' in v && v.type === 'Buffer' ? Buffer.from((v as unknown as { data: number[] }).data).toString('latin1') : v));
    expect(dump).not.toMatch(/123\s*45\s*67|671234567/);
    expect(t.logs.text()).not.toMatch(/671234567|123 45 67/);
    expect(t.logs.text()).not.toContain(chat.session);
  });

  it('applies a re-delivered input once, even when the copies arrive together', async () => {
    const chat = new ChatClient(t.url);
    const opened = await chat.open({ locale: 'uk' });
    const id = randomUUID();
    const copies = await Promise.all([1, 2, 3].map(() => chat.send({ kind: 'scale', value: 10 }, id)));
    expect(copies[1].map((m) => m.id)).toEqual(copies[0].map((m) => m.id));
    expect(copies[2].map((m) => m.id)).toEqual(copies[0].map((m) => m.id));
    const conversationId = await conversationOf(opened.messages[0].id);
    expect(await rows(`SELECT count(*)::int AS n FROM answer WHERE conversation_id = $1`, [conversationId])).toEqual([{ n: 1 }]);
    expect(await rows(`SELECT count(*)::int AS n FROM conversation_input WHERE conversation_id = $1`, [conversationId])).toEqual([{ n: 1 }]);
  });

  it('keeps two conversations apart when their inputs interleave', async () => {
    const a = new ChatClient(t.url);
    const b = new ChatClient(t.url);
    await Promise.all([a.open({ locale: 'en', point: 'a' }), b.open({ locale: 'ru', point: 'b' })]);
    await Promise.all([a.send({ kind: 'scale', value: 1 }), b.send({ kind: 'scale', value: 9 })]);
    const [toA, toB] = await Promise.all([a.send({ kind: 'text', text: 'The queue' }), b.send({ kind: 'choice', code: '5' })]);
    expect(promptsOf(toA)[0]).toMatchObject({ questionCode: 'contact' });
    expect(toB[0]).toMatchObject({ from: 'customer' });
    const byPoint = await rows<{ point_of_service: string; locale: string; scores: number[] }>(
      `SELECT point_of_service, locale, array_agg(score ORDER BY score) FILTER (WHERE integral) AS scores FROM answer WHERE point_of_service IN ('a', 'b') GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(byPoint).toEqual([
      { point_of_service: 'a', locale: 'en', scores: [1] },
      { point_of_service: 'b', locale: 'ru', scores: [9] },
    ]);
  });

  it('keeps free text outside a question as organic feedback and honours /stop', async () => {
    const chat = new ChatClient(t.url);
    const opened = await chat.open({ locale: 'en' });
    const noted = await chat.send({ kind: 'text', text: 'Loved the coffee' });
    expect(promptsOf(noted).map((p) => p.kind)).toEqual(['text', 'scale']);
    await chat.send({ kind: 'command', command: 'stop' });
    const conversationId = await conversationOf(opened.messages[0].id);
    expect(await rows(`SELECT text FROM organic_feedback WHERE conversation_id = $1`, [conversationId])).toEqual([{ text: 'Loved the coffee' }]);
    const [state] = await rows<{ status: string; opted_out: boolean }>(
      `SELECT c.status, cu.opted_out_at IS NOT NULL AS opted_out FROM conversation c JOIN customer cu ON cu.id = c.customer_id WHERE c.id = $1`,
      [conversationId],
    );
    expect(state).toEqual({ status: 'stopped', opted_out: true });
  });

  it('refuses bad input with a message and keeps what was accepted', async () => {
    const chat = new ChatClient(t.url);
    await chat.open({ locale: 'en' });
    const cases: [unknown, RegExp][] = [
      [{ id: randomUUID(), input: { kind: 'scale', value: 'ten' } }, /input\.value/],
      [{ id: randomUUID(), input: { kind: 'dance' } }, /input\.kind must be one of/],
      [{ id: 'x', input: { kind: 'text', text: 'hi' } }, /^id: id must be/],
      [{ id: randomUUID(), input: { kind: 'text', text: 'x'.repeat(4001) } }, /at most 4000/],
      [{ id: randomUUID(), input: { kind: 'text', text: 'hi' }, admin: true }, /unknown field\(s\): admin/],
    ];
    for (const [body, message] of cases) {
      const res = await chat.sendRaw(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    const unknown = await chat.sendRaw({ id: randomUUID(), input: { kind: 'scale', value: 3 } }, `wc_${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    const badJson = await fetch(`${t.url}/chat/api/sessions/${chat.session}/inputs`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"id":' });
    expect(badJson.status).toBe(400);
    const badOpen = await fetch(`${t.url}/chat/api/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ locale: 'de' }) });
    expect(((await badOpen.json()) as { message: string }).message).toBe('locale: locale must be one of uk, ru, en');
    expect(promptsOf(await chat.send({ kind: 'scale', value: 8 }))[0]).toMatchObject({ kind: 'free_text', questionCode: 'improvement' });
  });

  it('serves the page in the language asked, else the browser\'s, else the default, with a strict CSP', async () => {
    const uk = await fetch(`${t.url}/chat?lang=uk&point=kyiv-central`);
    expect(uk.status).toBe(200);
    expect(uk.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await uk.text();
    expect(html).toContain('<html lang="uk"');
    expect(html).toContain('"point":"kyiv-central"');
    const ru = await (await fetch(`${t.url}/chat`, { headers: { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.8' } })).text();
    expect(ru).toContain('<html lang="ru"');
    const fallback = await (await fetch(`${t.url}/chat`, { headers: { 'Accept-Language': 'de-DE' } })).text();
    expect(fallback).toContain('<html lang="uk"');
    // Words where a point code belongs: the page is served (the survey runs without a point), the words are not.
    const hostile = await fetch(`${t.url}/chat?point=${encodeURIComponent('</script><script>alert(1)</script>')}`);
    expect(hostile.status).toBe(200);
    const hostileHtml = await hostile.text();
    expect(hostileHtml).toContain('"point":null');
    expect(hostileHtml).not.toContain('alert(1)');
    for (const asset of ['chat.js', 'chat.css']) expect((await fetch(`${t.url}/chat/assets/${asset}`)).status).toBe(200);
    expect((await fetch(`${t.url}/chat/assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it('streams the transcript as server-sent events, resuming after the last event id', async () => {
    const chat = new ChatClient(t.url);
    const opened = await chat.open({ locale: 'en' });
    await chat.send({ kind: 'scale', value: 9 });
    const controller = new AbortController();
    const res = await fetch(`${t.url}/chat/api/sessions/${chat.session}/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    while ((text.match(/event: message/g) ?? []).length < 3) text += new TextDecoder().decode((await reader.read()).value as Uint8Array);
    controller.abort();
    expect(text).toContain(`"id":"${opened.messages[0].id}"`);
    const lastId = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => m[1]).pop()!;
    const resumed = await fetch(`${t.url}/chat/api/sessions/${chat.session}/events`, { headers: { 'Last-Event-ID': lastId } });
    await chat.send({ kind: 'choice', code: '5' });
    const resumedReader = resumed.body!.getReader();
    const next = new TextDecoder().decode((await resumedReader.read()).value as Uint8Array);
    await resumedReader.cancel();
    expect(next).not.toContain(opened.messages[0].id);
    expect(next).toContain('"from":"customer"');
  });
});

describe(`web chat across a restart (${databaseKind})`, () => {
  it('resumes the same conversation after a restart and continues it with the next answer', async () => {
    const first = await startTestApp();
    await registerPoints(first.url, 'lviv');
    const chat = new ChatClient(first.url);
    await chat.open({ locale: 'en', point: 'lviv' });
    await chat.send({ kind: 'scale', value: 4 });
    await first.close({ closeDatabase: false });

    const second = await startTestApp({ database: first.database });
    try {
      const again = new ChatClient(second.url);
      const resumed = await again.open({ locale: 'en', session: chat.session });
      expect(resumed.session).toBe(chat.session);
      expect(resumed.messages.map((m) => m.from)).toEqual(['bot', 'customer', 'bot']);
      const reason = resumed.messages[2].prompt!;
      expect(reason).toMatchObject({ questionCode: 'reason' });
      const next = await again.send({ kind: 'choice', code: reason.options![0].code });
      expect(promptsOf(next)[0]).toMatchObject({ questionCode: 'contact' });
      const db = second.app.get(DataSource);
      const [{ n }] = await db.query<{ n: number }[]>(`SELECT count(DISTINCT conversation_id)::int AS n FROM message m JOIN customer_identity i ON i.id = m.identity_id WHERE i.channel = 'web'`);
      expect(n).toBe(1);
    } finally {
      await second.close();
    }
  });
});

describe(`web chat event streams at shutdown (${databaseKind})`, () => {
  it('ends open streams so that a graceful stop is not held open by a customer\'s page', async () => {
    const t = await startTestApp();
    const chat = new ChatClient(t.url);
    await chat.open({ locale: 'en' });
    const res = await fetch(`${t.url}/chat/api/sessions/${chat.session}/events`);
    const reader = res.body!.getReader();
    await reader.read();
    // Without ending the stream, closing would wait for the page to go away (the test's timeout).
    await t.close();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});
