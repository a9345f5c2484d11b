import { Api, type IncidentJson, incidentReport } from '../../support/incidents-api';
import { FakeSlack, type SlackCall } from '../../support/fake-slack';
import { recordFigures } from '../../support/figures';
import { startTestApp, type TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { postToSlack } from '../../support/webhooks';

jest.setTimeout(90_000);

const BOT_TOKEN = 'xoxb-0000-escaping-token';
const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const CHANNEL = 'C0ESCAPE';
/** What an integration key, an import or a customer can put in a reason, a point, an agent or their words. */
const HOSTILE = '<!channel> <!here> <@U123> <https://evil.example|bank.com> *bold*';
/** Each of these, reaching Slack as written, would mention, disguise a link or format. */
const ACTIVE = ['<!channel>', '<!here>', '<@U123>', '<https://evil.example', '*bold*'];

/** One text Slack renders, and how: mrkdwn (verbatim or not), plain text, or a message's fallback `text`. */
interface Rendered {
  kind: 'mrkdwn' | 'mrkdwn-verbatim' | 'plain_text' | 'text';
  text: string;
}

/** Every text in a Web API call's arguments or a command's answer, with the way Slack reads it. */
function renderedTexts(value: unknown, top = true): Rendered[] {
  if (Array.isArray(value)) return value.flatMap((v) => renderedTexts(v, false));
  if (!value || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  const own: Rendered[] = [];
  if (typeof object.text === 'string') {
    const kind = object.type === 'plain_text' ? 'plain_text' : object.type === 'mrkdwn' ? (object.verbatim === true ? 'mrkdwn-verbatim' : 'mrkdwn') : 'text';
    if (top || kind !== 'text') own.push({ kind, text: object.text });
  }
  return [...own, ...Object.entries(object).flatMap(([key, v]) => (key === 'text' && typeof v === 'string' ? [] : renderedTexts(v, false)))];
}

describe(`Slack text from customers, integrations and imports is shown literally (${databaseKind})`, () => {
  let fake: FakeSlack;
  let t: TestApp;
  let admin: Api;

  beforeAll(async () => {
    fake = await FakeSlack.start(BOT_TOKEN);
    t = await startTestApp({
      env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url, SLACK_ESCALATION_CHANNEL: CHANNEL, DEFAULT_LOCALE: 'en' },
    });
    admin = new Api(t.url);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const slash = async (text: string) => {
    const raw = new URLSearchParams({ command: '/turbota', text, user_id: 'U0OLENA', response_url: fake.responseUrl('cmd') }).toString();
    const res = await postToSlack(t.url, raw, { secret: SIGNING_SECRET, type: 'form' });
    expect(res.status).toBe(200);
    return await res.json();
  };

  it('an incident whose reason, point, agent, problem and the customer’s words carry mentions, a disguised link and formatting reaches Slack with none of them active', async () => {
    // Reproduces the finding: the key's name, the reason, the point (and so the problem), the agent and the words all come from outside.
    const integration = admin.as(await admin.key('integration', HOSTILE));
    const incidents: IncidentJson[] = [];
    for (let i = 0; i < 3; i++) {
      const report = incidentReport({ phone: `+380 67 765 43 2${i}`, reasonCode: HOSTILE, pointOfService: HOSTILE, agent: HOSTILE, serviceType: HOSTILE, text: `${HOSTILE}\nsee https://evil.example/login` });
      incidents.push(await integration.json<IncidentJson>('/api/v1/incidents', { body: report }));
    }
    const supervisor = admin.as(await admin.key('supervisor', 'Duty desk'));
    expect((await supervisor.transition(incidents[0].id, { action: 'reject', note: HOSTILE })).status).toBeLessThan(300);

    // Every incident's message, its thread (created, rejected) and the problem announcement with its thread.
    const problem = await waitFor(() => fake.topLevel(CHANNEL).find((c) => /^PRB-\d+:/.test(String(c.args.text))), 30_000);
    await waitFor(() => fake.thread(CHANNEL, problem.ts!)[0], 15_000);
    for (const incident of incidents) await waitFor(() => fake.topLevel(CHANNEL).find((c) => String(c.args.text).startsWith(`INC-${incident.number} `)), 15_000);
    await waitFor(() => fake.calls.find((c) => c.args.thread_ts && String(c.args.text).includes('*rejected*') && c.status === 200), 15_000);
    const answer = await slash(String(incidents[0].number));

    const sent: SlackCall[] = fake.calls.filter((c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && c.status === 200);
    const texts = [...sent.flatMap((c) => renderedTexts(c.args)), ...renderedTexts(answer)];
    const carrying = texts.filter((r) => r.text.includes('evil.example'));
    // The hostile values did reach Slack in every kind of message (incidents, the problem, thread lines, the command's answer): the checks below are not vacuous.
    const carries = (args: unknown) => JSON.stringify(args).includes('evil.example');
    for (const post of fake.topLevel(CHANNEL)) expect({ text: post.args.text, carries: carries(post.args) }).toMatchObject({ carries: true });
    expect(sent.filter((c) => c.args.thread_ts && carries(c.args)).length).toBeGreaterThanOrEqual(incidents.length + 2);
    expect(carries(answer)).toBe(true);
    for (const rendered of texts) for (const active of ACTIVE) expect({ ...rendered, active: rendered.text.includes(active) }).toMatchObject({ active: false });
    expect(carrying.some((r) => r.text.includes('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://evil.example|bank.com&gt; ∗bold∗'))).toBe(true);
    // Slack would turn a plain URL into a link in mrkdwn unless verbatim: every block that shows one is.
    expect(carrying.filter((r) => r.kind === 'mrkdwn')).toEqual([]);
    // The customer's words are quoted as written, with the link shown, not clickable.
    expect(texts).toContainEqual({ kind: 'mrkdwn-verbatim', text: expect.stringContaining('>see https://evil.example/login') as string });
    // No preview is fetched or shown for any link (the client posts form fields, so as text).
    for (const post of sent.filter((c) => c.method === 'chat.postMessage')) expect(post.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });

    recordFigures('hostile', 'slack-escaping', {
      hostileValue: HOSTILE,
      slackCallsChecked: sent.length + 1,
      textsChecked: texts.length,
      textsCarryingTheHostileValues: carrying.length,
      activeMentionsLinksOrFormatting: 0,
    });
  });
});
