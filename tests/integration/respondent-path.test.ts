import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { type Locale, projectPath } from '@turbota/common';
import { WORKING_TIME_ZONE } from '../../libs/conversations/src/effect-recorder';
import { type DialogueTexts, expectedContact } from '@turbota/dialogue';
import { PiiCipher } from '@turbota/privacy';
import { telegramUpdate, type TelegramFixture } from '../support/telegram-fixtures';
import type { BotApiCall } from '../support/fake-telegram';
import { registerPoints } from '../support/points';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { postTelegramUpdate } from '../support/webhooks';
import { type Platforms, startPlatforms } from '../support/platforms';

jest.setTimeout(30_000);

const TOKEN = '7000000002:AAHrespondent-path';
const SECRET = 'respondent-path-secret_1';
const EN = (JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<Locale, DialogueTexts>).en;

interface Markup {
  inline_keyboard?: { text: string; callback_data: string }[][];
  keyboard?: { text: string; request_contact?: boolean }[][];
}

/**
 * The respondent's path on the fake Telegram, counted in the customer's own taps: a detractor
 * who leaves a phone, a complainant who is not asked again, a case number with the time to
 * expect the call, "call me" in words, and taps that come too late.
 */
const PLATFORMS = { telegram: { token: TOKEN, secret: SECRET } };

describe(`The respondent's path on Telegram (${databaseKind})`, () => {
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let db: DataSource;
  let updateId = 70_000;

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    t = await startTestApp({ env: platforms.env });
    db = t.app.get(DataSource);
    await registerPoints(t.url, 'kyiv-central');
  });
  afterAll(async () => {
    await t.close();
    await platforms.close();
  });

  /** The customer's taps of one chat: each button, and a shared phone as two (the button and Telegram's confirmation). */
  const taps = new Map<number, number>();
  const count = (chat: number, n: number) => taps.set(chat, (taps.get(chat) ?? 0) + n);

  const send = async (fixture: TelegramFixture, chat: number, options: Partial<Parameters<typeof telegramUpdate>[1]> = {}) => {
    const res = await postTelegramUpdate(t.url, telegramUpdate(fixture, { updateId: ++updateId, chatId: chat, ...options }), { secret: SECRET });
    expect(res.status).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const sent = (chat: number) => platforms.telegram.delivered('sendMessage', String(chat));
  const edits = (chat: number) => platforms.telegram.delivered('editMessageText', String(chat));
  const message = (chat: number, n: number) => waitFor(() => sent(chat)[n - 1]);
  const buttonsOf = (m: BotApiCall) => ((m.params.reply_markup as Markup).inline_keyboard ?? []).flat();
  /** Taps a button of a message by its label, or sends the given payload from it (a forged or stale one). */
  const tap = (m: BotApiCall, chat: number, label: string, data?: string) => {
    count(chat, 1);
    const button = buttonsOf(m).find((b) => b.text === label);
    if (!button && data === undefined) throw new Error(`No button "${label}" on: ${JSON.stringify(m.params)}`);
    return send('callback-query', chat, {
      data: data ?? button!.callback_data,
      tapped: { message_id: m.result!.message_id as number, text: m.params.text as string, reply_markup: m.params.reply_markup },
    });
  };
  const sharePhone = (chat: number) => {
    count(chat, 2);
    return send('message-contact', chat);
  };
  const type = (chat: number, text: string) => send('message-text', chat, { text });
  const incidentOf = async (chat: number) =>
    (
      await db.query<{ number: number; acknowledge_by: Date; phone_sealed: Buffer | null; created_at: Date }[]>(
        `SELECT i.number, i.acknowledge_by, c.phone_sealed, i.created_at FROM incident i JOIN complaint c ON c.id = i.complaint_id
         JOIN conversation v ON v.id = c.conversation_id JOIN customer_identity a ON a.id = v.identity_id
         WHERE a.channel = 'telegram' AND a.address = $1`,
        [String(chat)],
      )
    )[0];
  const answersOf = (chat: number) =>
    db.query<{ question_code: string; score: number | null; text: string | null }[]>(
      `SELECT a.question_code, a.score, a.text FROM answer a JOIN conversation v ON v.id = a.conversation_id
       JOIN customer_identity i ON i.id = v.identity_id WHERE i.channel = 'telegram' AND i.address = $1 ORDER BY a.answered_at, a.id`,
      [String(chat)],
    );
  /** The case line the customer should read, from the incident as stored. */
  const caseLineOf = (incident: { number: number; acknowledge_by: Date; created_at: Date }) =>
    `INC-${incident.number}. We will contact you ${expectedContact(incident.acknowledge_by, incident.created_at, WORKING_TIME_ZONE, { locale: 'en', texts: EN })}.`;

  it('a detractor leaves a phone in 4 taps counting Telegram\'s confirmation, hears the case number and when to expect the call, and may stop at "That\'s all"', async () => {
    const chat = 3_000_001;
    await send('message-start', chat);
    await tap(await message(chat, 1), chat, '2');
    const reason = await message(chat, 2);
    await tap(reason, chat, 'I waited too long');
    // Straight after the reason: the share button (the consent) and "No, thanks"; no yes/no first.
    const contact = await message(chat, 3);
    expect((contact.params.reply_markup as Markup).keyboard).toEqual([[{ text: EN.sharePhone, request_contact: true }], [{ text: EN.noThanks }]]);
    await sharePhone(chat);
    expect(taps.get(chat)).toBeLessThanOrEqual(4);

    const incident = await waitFor(() => incidentOf(chat));
    expect(t.app.get(PiiCipher).open(incident.phone_sealed!)).toBe('+380671234567');
    const thanks = await message(chat, 4);
    expect(thanks.params.text).toContain(`Your case number is ${caseLineOf(incident)}`);
    expect(thanks.params.text).not.toContain('{case}');

    const drawn = await message(chat, 5);
    expect(buttonsOf(drawn).at(-1)?.text).toBe(EN.thatsAll);
    await tap(drawn, chat, EN.thatsAll);
    const closing = await message(chat, 6);
    expect(EN.closing).toContain(closing.params.text);
    expect((await answersOf(chat)).map((a) => a.question_code)).toEqual(['nps', 'reason']);
  });

  it('a complainant who left contacts is not asked for them again when the survey goes on', async () => {
    const chat = 3_000_002;
    await send('message-start', chat);
    await message(chat, 1);
    await type(chat, '/complain');
    await message(chat, 2);
    await type(chat, 'The card reader is broken');
    const contact = await message(chat, 3);
    expect(contact.params.text).toContain(EN.consentQuestion);
    await type(chat, 'olena@example.com');
    const thanks = await message(chat, 4);
    const incident = await waitFor(() => incidentOf(chat));
    expect(thanks.params.text).toContain(`Your case number is ${caseLineOf(incident)}`);
    // Back at the score: a low one brings an apology and the survey, never the contact question again.
    const nps = await message(chat, 5);
    await tap(nps, chat, '2');
    const next = await message(chat, 7);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const after = sent(chat).slice(5);
    expect(after.map((m) => m.params.text as string).some((text) => text.includes(EN.consentQuestion))).toBe(false);
    expect(after.some((m) => (m.params.reply_markup as Markup).keyboard)).toBe(false);
    expect(buttonsOf(next).at(-1)?.text).toBe(EN.thatsAll);
  });

  it('a passive who types "call me 0671234567" is asked to confirm the number, shown in full, and yes opens an incident', async () => {
    const chat = 3_000_003;
    await send('message-start', chat);
    await tap(await message(chat, 1), chat, '7');
    await message(chat, 2);
    await type(chat, 'call me 0671234567');
    const confirm = await message(chat, 3);
    expect(confirm.params.text).toBe(EN.confirmCallback.replace('{contact}', '+380671234567'));
    await tap(confirm, chat, EN.yes);
    const incident = await waitFor(() => incidentOf(chat));
    expect(t.app.get(PiiCipher).open(incident.phone_sealed!)).toBe('+380671234567');
    expect((await message(chat, 4)).params.text).toContain(`Your case number is ${caseLineOf(incident)}`);
    // The words are kept masked, as every customer's words are.
    const [improvement] = (await answersOf(chat)).filter((a) => a.question_code === 'improvement');
    expect(improvement.text).toMatch(/^call me /);
    expect(improvement.text).not.toContain('0671234567');
    // The receipt shows the customer the number they confirmed; what is kept holds it only sealed.
    const receipt = await waitFor(() => edits(chat).find((e) => e.params.message_id === confirm.result!.message_id));
    expect(receipt.params.text).toBe(`${EN.confirmCallback.replace('{contact}', '+380671234567')}\n\n✓ ${EN.yes}`);
    const kept = await db.query<{ kept: string }[]>(
      `SELECT v.state::text || m.body::text || coalesce(ci.input::text, '') AS kept FROM conversation v JOIN customer_identity i ON i.id = v.identity_id
       JOIN message m ON m.conversation_id = v.id LEFT JOIN conversation_input ci ON ci.id = m.input_id
       WHERE i.channel = 'telegram' AND i.address = $1`,
      [String(chat)],
    );
    expect(kept.length).toBeGreaterThan(4);
    expect(kept.map((k) => k.kept).join()).not.toMatch(/671234567|123\s*45\s*67/);
  });

  it('a second tap on an answered question changes nothing and says so quietly', async () => {
    const chat = 3_000_004;
    await send('message-start', chat);
    const nps = await message(chat, 1);
    await tap(nps, chat, '9');
    await message(chat, 3);
    await waitFor(() => edits(chat)[0]);
    const before = { sent: sent(chat).length, edits: edits(chat).length };
    const acknowledgement = await tap(nps, chat, '0');
    expect(acknowledgement).toEqual({ method: 'answerCallbackQuery', callback_query_id: '4382bfdwdsb323b2d9', text: EN.alreadyAnswered });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect({ sent: sent(chat).length, edits: edits(chat).length }).toEqual(before);
    expect(edits(chat).map((e) => e.params.text as string).some((text) => text.endsWith('✓ 0'))).toBe(false);
    expect((await answersOf(chat)).find((a) => a.question_code === 'nps')?.score).toBe(9);
  });

  it('a scale payload against a Likert statement is refused as stale', async () => {
    // The drawn questions are Likert statements or a scale: a promoter's chat until one opens with a statement.
    let likert: { chat: number; message: BotApiCall } | undefined;
    for (let chat = 3_000_100; !likert && chat < 3_000_120; chat++) {
      await send('message-start', chat);
      await tap(await message(chat, 1), chat, '10');
      const drawn = await message(chat, 3);
      // A statement's buttons are choices (`c…`); a CSAT's five are scale points (`s…`).
      if (buttonsOf(drawn).length === 5 && buttonsOf(drawn).every((b) => b.callback_data.startsWith('c'))) likert = { chat, message: drawn };
    }
    const { chat, message: statement } = likert!;
    const answered = (await answersOf(chat)).length;
    const before = sent(chat).length;
    for (const data of ['s:2', buttonsOf(statement)[0].callback_data.replace(/^c(\w\w):\d$/, 's$1:2')]) {
      expect(await tap(statement, chat, '', data)).toMatchObject({ text: EN.alreadyAnswered });
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await answersOf(chat)).toHaveLength(answered);
    expect(sent(chat)).toHaveLength(before);
    expect(edits(chat).filter((e) => e.params.message_id === statement.result!.message_id)).toEqual([]);
  });
});
