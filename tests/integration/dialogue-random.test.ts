import { seededRandom } from '@turbota/common';
import { DataSource } from 'typeorm';
import { ChatClient } from '../support/chat-client';
import { startTestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

const CUSTOMERS = 8;

/**
 * What a customer is shown among equals (the questions drawn, the phrase variants) comes from
 * the injected dialogue random source, not from `Math.random` beside it: the same seed gives
 * the same dialogues on a fresh installation, whatever `Math.random` does meanwhile.
 */
describe(`the dialogue's random draws (${databaseKind})`, () => {
  /** The plans and the bot's words of a few new web chat customers on a fresh installation with the seed. */
  const dialoguesWith = async (seed: number) => {
    const t = await startTestApp({ env: { DEFAULT_LOCALE: 'en' }, dialogueRandom: seededRandom(seed) });
    try {
      const shown: string[] = [];
      for (let i = 0; i < CUSTOMERS; i++) {
        const chat = new ChatClient(t.url);
        const opened = await chat.open({ locale: i % 2 ? 'uk' : 'en' });
        const next = await chat.send({ kind: 'scale', value: i % 11 });
        shown.push(JSON.stringify([opened.messages.map((m) => m.prompt), next.map((m) => m.prompt)]));
      }
      const plans = await t.app.get(DataSource).query<{ plan: unknown }[]>(`SELECT plan FROM conversation`);
      return { shown, plans: plans.map((p) => JSON.stringify(p.plan)).sort() };
    } finally {
      await t.close();
    }
  };

  it('draws the same questions and phrases from the same seed, and others from another', async () => {
    const first = await dialoguesWith(11);
    // Meanwhile `Math.random` (which the libraries keep using) runs a sequence of its own.
    const mathRandom = jest.spyOn(Math, 'random').mockImplementation(seededRandom(99));
    const again = await dialoguesWith(11);
    mathRandom.mockRestore();
    expect(again).toEqual(first);
    const other = await dialoguesWith(12);
    expect(other).not.toEqual(first);
  });
});
