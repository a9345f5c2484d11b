import { DataSource } from 'typeorm';
import { botFrameworkActivity, type BotFrameworkFixture } from '../support/botframework-fixtures';
import { type ConnectorCall, FakeConnector } from '../support/fake-connector';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitForConversationStatus } from '../support/conversation-state';
import { waitFor } from '../support/wait-for';
import { postBotFrameworkActivity } from '../support/webhooks';

jest.setTimeout(30_000);

interface Suggested {
  suggestedActions?: { actions: { title: string; value: string }[] };
}

describe(`Bot Framework channel against a local connector (${databaseKind})`, () => {
  let connector: FakeConnector;
  let t: TestApp;
  let db: DataSource;
  let activityId = 0;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    t = await startTestApp({ env: { BOTFRAMEWORK_ANONYMOUS: 'true', BOTFRAMEWORK_SERVICE_URLS: connector.url } });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    await connector.close();
  });

  const post = (body: unknown) => postBotFrameworkActivity(t.url, body);
  const activity = (fixture: BotFrameworkFixture, conversationId: string, text?: string) =>
    botFrameworkActivity(fixture, { id: `activity-in-${++activityId}`, conversationId, serviceUrl: connector.url, text });
  const send = async (fixture: BotFrameworkFixture, conversationId: string, text?: string) => {
    const res = await post(activity(fixture, conversationId, text));
    expect(res.status).toBe(200);
  };
  const sent = (conversationId: string, n: number) => waitFor(() => connector.delivered(conversationId)[n - 1]);
  /** Picks a suggested action (the first when no title is given), as the channel sends its value back. */
  const pick = (call: ConnectorCall, conversationId: string, title?: string) => {
    const actions = (call.activity as Suggested).suggestedActions!.actions;
    return send('message', conversationId, (title === undefined ? actions[0] : actions.find((a) => a.title === title)!).value);
  };

  it('opens the survey when the customer joins and runs the whole dialogue through suggested actions', async () => {
    const conversation = 'bf-conversation-1';
    await send('conversation-update', conversation);
    const nps = await sent(conversation, 1);
    expect(nps.activity).toMatchObject({ type: 'message', conversation: { id: conversation } });
    expect((nps.activity as Suggested).suggestedActions!.actions.map((a) => a.title)).toEqual(Array.from({ length: 11 }, (_, i) => String(i)));
    expect(nps.activity.text).toMatch(/Наскільки ймовірно/);

    await pick(nps, conversation, '2');
    await pick(await sent(conversation, 2), conversation, 'Довелося довго чекати');
    // The contact request at once, with "No, thanks" as its one suggested action.
    const contact = await sent(conversation, 3);
    expect((contact.activity as Suggested).suggestedActions!.actions.map((a) => a.title)).toEqual(['Ні, дякую']);
    await send('message', conversation, '067 123 45 67');
    expect((await sent(conversation, 4)).activity.text).toMatch(/\nНомер вашого звернення: INC-\d+\./);
    for (let n = 5; n <= 6; n++) await pick(await sent(conversation, n), conversation);
    await sent(conversation, 7);

    const answers = await db.query<{ question_code: string; choice: string | null; channel: string; locale: string }[]>(
      `SELECT a.question_code, a.choice, a.channel, a.locale FROM answer a JOIN conversation c ON c.id = a.conversation_id
       JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1 ORDER BY a.answered_at`,
      [conversation],
    );
    expect(answers).toHaveLength(4);
    expect(answers[1]).toMatchObject({ question_code: 'reason', choice: 'waiting', channel: 'botframework', locale: 'uk' });
    expect(await db.query(`SELECT count(*)::int AS n FROM complaint WHERE channel = 'botframework' AND phone_sealed IS NOT NULL`)).toEqual([{ n: 1 }]);
  });

  it('stores an activity delivered three times at once only once', async () => {
    const conversation = 'bf-conversation-2';
    const joined = activity('conversation-update', conversation);
    expect((await Promise.all([post(joined), post(joined), post(joined)])).map((r) => r.status)).toEqual([200, 200, 200]);
    await sent(conversation, 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(connector.delivered(conversation)).toHaveLength(1);
  });

  it('answers malformed activities with 400 and a message', async () => {
    const noType = await post({ text: 'hi' });
    expect(noType.status).toBe(400);
    expect(((await noType.json()) as { message: string }).message).toMatch(/type is missing/);
    const noIds = await post({ type: 'message', text: 'hi' });
    expect(((await noIds.json()) as { message: string }).message).toMatch(/needs id, conversation.id, serviceUrl and from.id/);
  });

  it('waits out a 429 Retry-After, and ends the conversation when the user blocked the bot', async () => {
    const slow = 'bf-conversation-3';
    connector.throttle(2);
    await send('conversation-update', slow);
    const delivered = await waitFor(() => connector.delivered(slow)[0], 10_000);
    const refused = connector.calls.find((c) => c.conversationId === slow && c.status === 429)!;
    expect(delivered.at - refused.at).toBeGreaterThanOrEqual(1900);

    const blocked = 'bf-conversation-4';
    connector.blocked.add(blocked);
    await send('conversation-update', blocked);
    expect(await waitForConversationStatus(db, blocked, 'unreachable')).toBe('unreachable');
  });
});

describe(`Bot Framework with an app id (${databaseKind})`, () => {
  it('refuses activities without a valid JWT and writes nothing', async () => {
    const t = await startTestApp({ env: { MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'app-password' } });
    try {
      const body = botFrameworkActivity('message', { id: 'jwt-1', conversationId: 'bf-jwt', serviceUrl: 'http://127.0.0.1:9/' });
      const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer not-a-token' }, { Authorization: 'Basic dXNlcjpwYXNz' }];
      for (const headers of attempts) {
        const res = await postBotFrameworkActivity(t.url, body, headers);
        expect(res.status).toBe(401);
      }
      expect(await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM conversation_input')).toEqual([{ n: 0 }]);
    } finally {
      await t.close();
    }
  });
});
