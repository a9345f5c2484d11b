import { DataSource } from 'typeorm';
import { botFrameworkActivity, type BotFrameworkFixture } from '../../support/botframework-fixtures';
import { type ConnectorCall, FakeConnector } from '../../support/fake-connector';
import { startTestApp, type TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { recordHostileFigures } from '../support/fuzz-runner';
import { postBotFrameworkActivity } from '../../support/webhooks';

jest.setTimeout(60_000);

/** Teams shows the first three suggested actions of a message and drops the rest. */
const TEAMS_SUGGESTED_ACTIONS_SHOWN = 3;

interface CardAction {
  type: string;
  title: string;
  data: Record<string, unknown>;
}

/** A message as Teams shows it: the question, and every button a customer can tap (value sent back). */
function tappable(call: ConnectorCall): { title: string; send: Record<string, unknown> }[] {
  const activity = call.activity as {
    suggestedActions?: { actions: { title: string; value: string }[] };
    attachments?: { contentType: string; content: { body: { type: string; actions?: CardAction[] }[] } }[];
  };
  const suggested = (activity.suggestedActions?.actions ?? []).slice(0, TEAMS_SUGGESTED_ACTIONS_SHOWN).map((a) => ({ title: a.title, send: { text: a.value } }));
  const cards = (activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  const buttons = cards.flatMap((card) => card.content.body.flatMap((element) => (element.type === 'ActionSet' ? element.actions ?? [] : [])));
  // An Action.Submit comes back as a message whose `value` is the button's data, without text.
  const submitted = buttons.filter((b) => b.type === 'Action.Submit').map((b) => ({ title: b.title, send: { text: undefined, value: b.data } }));
  return [...suggested, ...submitted];
}

describe(`Teams: every value of a scale and every reason can be tapped (${databaseKind})`, () => {
  let connector: FakeConnector;
  let t: TestApp;
  let db: DataSource;
  let n = 0;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    t = await startTestApp({ env: { BOTFRAMEWORK_ANONYMOUS: 'true', BOTFRAMEWORK_SERVICE_URLS: connector.url, DEFAULT_LOCALE: 'en' } });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    await connector.close();
  });

  const post = async (fixture: BotFrameworkFixture, conversationId: string, channelId: string, extra: Record<string, unknown> = {}) => {
    const activity = { ...botFrameworkActivity(fixture, { id: `teams-${++n}`, conversationId, serviceUrl: connector.url, locale: 'en' }), channelId, ...extra };
    const res = await postBotFrameworkActivity(t.url, activity);
    expect(res.status).toBe(200);
  };
  const sent = (conversationId: string, count: number) => waitFor(() => connector.delivered(conversationId)[count - 1], 10_000);
  const answers = (conversationId: string) =>
    db.query<{ question_code: string; score: number | null; choice: string | null }[]>(
      `SELECT a.question_code, a.score, a.choice FROM answer a JOIN conversation c ON c.id = a.conversation_id
       JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1 ORDER BY a.answered_at`,
      [conversationId],
    );

  it('offers the NPS scale 0..10 on Teams as a card whose every button can be tapped, and records a tap on 9', async () => {
    const conversation = 'teams-promoter';
    await post('conversation-update', conversation, 'msteams');
    const nps = await sent(conversation, 1);
    const buttons = tappable(nps);
    expect(buttons.map((b) => b.title)).toEqual(Array.from({ length: 11 }, (_, i) => String(i)));
    // Through the card's submit shape: the activity's `value`, no text.
    await post('message', conversation, 'msteams', buttons.find((b) => b.title === '9')!.send);
    await sent(conversation, 2);
    expect((await answers(conversation))[0]).toMatchObject({ question_code: 'nps', score: 9 });

    // Channels that show every suggested action keep them.
    await post('conversation-update', 'webchat-control', 'webchat');
    const webchat = (await sent('webchat-control', 1)).activity as { suggestedActions?: { actions: unknown[] }; attachments?: unknown[] };
    expect(webchat.suggestedActions?.actions).toHaveLength(11);
    expect(webchat.attachments).toBeUndefined();
    recordHostileFigures('teams-suggested-actions', { npsValuesTappableOnTeams: buttons.length, npsValuesOfTheScale: 11, webchatSuggestedActions: 11 });
  });

  it('offers every reason on Teams and records the last one tapped', async () => {
    const conversation = 'teams-detractor';
    await post('conversation-update', conversation, 'msteams');
    const nps = tappable(await sent(conversation, 1));
    await post('message', conversation, 'msteams', nps.find((b) => b.title === '2')!.send);
    const reasonsCall = await sent(conversation, 2);
    const reasons = tappable(reasonsCall);
    const offered = (reasonsCall.activity as { attachments?: { content: { body: unknown[] } }[] }).attachments?.[0]?.content.body.length ?? 0;
    expect(reasons.length).toBeGreaterThan(TEAMS_SUGGESTED_ACTIONS_SHOWN);
    expect(reasons).toHaveLength(offered);
    const last = reasons[reasons.length - 1];
    await post('message', conversation, 'msteams', last.send);
    await sent(conversation, 3);
    const recorded = await answers(conversation);
    expect(recorded[0]).toMatchObject({ question_code: 'nps', score: 2 });
    expect(recorded[1].question_code).toBe('reason');
    expect(recorded[1].choice).not.toBeNull();
    recordHostileFigures('teams-reasons', { reasonsTappableOnTeams: reasons.length, lastReasonRecorded: recorded[1].choice });
  });
});
