import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { projectPath } from '@turbota/common';
import { type ChatMessage, ChatClient, promptsOf } from '../support/chat-client';
import { registerPoints } from '../support/points';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

const TEXTS = JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<'en' | 'uk', { invalidContact: string; walkInGreeting: string[] }>;

/** Answers as a detractor until the chat asks for a contact (by whatever steps lead there). */
async function toContactStep(chat: ChatClient, opened: ChatMessage[]): Promise<void> {
  let prompt = promptsOf(opened).at(-1);
  for (let step = 0; step < 6 && prompt?.kind !== 'contact'; step++) {
    const yes = prompt?.options?.find((o) => o.code === 'yes');
    const input = prompt?.kind === 'scale' ? { kind: 'scale', value: 1 } : { kind: 'choice', code: (yes ?? prompt!.options![0]).code };
    prompt = promptsOf(await chat.send(input)).at(-1);
  }
  expect(prompt).toMatchObject({ kind: 'contact' });
}

const customerTexts = (messages: ChatMessage[]) => messages.filter((m) => m.from === 'customer').map((m) => m.text);

describe(`the customer's own contact in the web chat (${databaseKind})`, () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await registerPoints(t.url, 'kyiv-central');
  });
  afterAll(() => t.close());

  it('echoes a typed phone in full to the customer, now and after a reload, while the database holds it only masked', async () => {
    const chat = new ChatClient(t.url);
    const opened = await chat.open({ locale: 'en', point: 'kyiv-central' });
    await toContactStep(chat, opened.messages);

    const afterPhone = await chat.send({ kind: 'text', text: '067 123 45 67' });
    expect(customerTexts(afterPhone)).toEqual(['+380671234567']);
    const reloaded = await new ChatClient(t.url).open({ locale: 'en', session: chat.session });
    expect(customerTexts(reloaded.messages)).toContain('+380671234567');

    const bodies = JSON.stringify(await db.query(`SELECT body FROM message`));
    expect(bodies).toContain('+380 ••• ••• 67');
    expect(bodies).not.toMatch(/671234567|123 45 67/);
  });

  it('echoes a shared e-mail in full to its owner only', async () => {
    const chat = new ChatClient(t.url);
    await toContactStep(chat, (await chat.open({ locale: 'en' })).messages);
    expect(customerTexts(await chat.send({ kind: 'contact', email: 'Olena.K@example.com' }))).toEqual(['Olena.K@example.com']);
    expect(JSON.stringify(await db.query(`SELECT body FROM message`))).not.toMatch(/olena\.k@/i);
  });

  it('answers a contact that is none with a clear sentence, and shows the words sent, not a bare "•••"', async () => {
    const chat = new ChatClient(t.url);
    await toContactStep(chat, (await chat.open({ locale: 'uk' })).messages);
    const reply = await chat.send({ kind: 'text', text: '067 12' });
    expect(customerTexts(reply)).toEqual(['067 12']);
    expect(promptsOf(reply)[0]).toMatchObject({ kind: 'text', text: TEXTS.uk.invalidContact });
    expect(TEXTS.uk.invalidContact).toMatch(/^Це не схоже на номер телефону чи e-mail\./);
    // Nearly a phone: the transcript keeps its end only, and still no bare dots.
    const nearly = await chat.send({ kind: 'text', text: '+38067206666' });
    expect(customerTexts(nearly)).toEqual(['••• ••• 66']);
    expect(JSON.stringify(await db.query(`SELECT body FROM message`))).not.toContain('38067206666');
  });
});

describe(`the walk-in greeting (${databaseKind})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await registerPoints(t.url, 'kyiv-central');
  });
  afterAll(() => t.close());

  const firstText = async (body: { locale: string; point?: string }) => promptsOf((await new ChatClient(t.url).open(body)).messages)[0].text!;

  it('greets a customer who came from a point\'s QR code as a visitor, never as "in touch with us recently"', async () => {
    for (let i = 0; i < 6; i++) {
      const text = await firstText({ locale: 'en', point: 'kyiv-central' });
      expect(TEXTS.en.walkInGreeting.some((g) => text.startsWith(`${g}\n\n`))).toBe(true);
      expect(text).not.toMatch(/recently/i);
      const uk = await firstText({ locale: 'uk', point: 'kyiv-central' });
      expect(TEXTS.uk.walkInGreeting.some((g) => uk.startsWith(`${g}\n\n`))).toBe(true);
      expect(uk).not.toMatch(/нещодавно/);
    }
  });

  it('keeps the standard\'s invitation greeting where no point is named', async () => {
    const text = await firstText({ locale: 'en' });
    expect(TEXTS.en.walkInGreeting.some((g) => text.startsWith(g))).toBe(false);
  });
});
