import { App, LogLevel } from '@slack/bolt';
import { SlackHttpReceiver } from './slack-http.receiver';

/** A Bolt app on the receiver that never calls Slack (the token is given, the API address leads nowhere). */
function appOn(receiver: SlackHttpReceiver): App {
  return new App({
    receiver,
    authorize: () => Promise.resolve({ botToken: 'xoxb-test' }),
    clientOptions: { slackApiUrl: 'http://127.0.0.1:9/api/' },
    ignoreSelf: false,
    convoStore: false,
    logLevel: LogLevel.ERROR,
  });
}

const press = (actionId: string) => ({
  type: 'block_actions',
  user: { id: 'U1', team_id: 'T1' },
  team: { id: 'T1' },
  channel: { id: 'D1' },
  actions: [{ action_id: actionId, block_id: 'b', type: 'button', value: 'v', action_ts: '1.2' }],
});
const directMessage = { type: 'event_callback', event_id: 'Ev1', team_id: 'T1', event: { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'hi', ts: '1.1' } };

/** A promise the test settles by hand, to hold a listener open. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('SlackHttpReceiver', () => {
  it('answers with what the listener acknowledged, a modal error included', async () => {
    const receiver = new SlackHttpReceiver();
    const app = appOn(receiver);
    app.action('turbota.answer.1', async ({ ack }) => ack());
    app.view('modal', async ({ ack }) => ack({ response_action: 'errors', errors: { note: 'A note is needed' } }));
    await expect(receiver.handle({ body: press('turbota.answer.1') })).resolves.toEqual({});
    const submission = { type: 'view_submission', user: { id: 'U1', team_id: 'T1' }, team: { id: 'T1' }, view: { id: 'V1', callback_id: 'modal', state: { values: {} } } };
    await expect(receiver.handle({ body: submission })).resolves.toEqual({ response_action: 'errors', errors: { note: 'A note is needed' } });
  });

  it('answers only after the listener has finished, even for an event Bolt acknowledges before the listener runs', async () => {
    const receiver = new SlackHttpReceiver();
    const app = appOn(receiver);
    const held = gate();
    const steps: string[] = [];
    app.event('message', async () => {
      await held.opened;
      steps.push('stored');
    });
    const answered = receiver.handle({ body: directMessage }).then((answer) => {
      steps.push('answered');
      return answer;
    });
    // Let Bolt reach the listener and acknowledge the event: the request must still be unanswered.
    await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual([]);
    held.open();
    await expect(answered).resolves.toEqual({});
    expect(steps).toEqual(['stored', 'answered']);
  });

  it('rejects with what a listener threw, so that the request is answered with an error and Slack delivers it again', async () => {
    const receiver = new SlackHttpReceiver();
    const app = appOn(receiver);
    const failure = new Error('the database is away');
    app.error((error) => Promise.reject(error));
    app.event('message', () => Promise.reject(failure));
    await expect(receiver.handle({ body: directMessage })).rejects.toMatchObject({ original: failure });
  });

  it('hands Slack retry headers to the listeners and answers the URL check itself', async () => {
    const receiver = new SlackHttpReceiver();
    const app = appOn(receiver);
    const seen: (number | undefined)[] = [];
    app.action(/^incident\./, async ({ ack, context }) => {
      seen.push(context.retryNum);
      await ack();
    });
    await receiver.handle({ body: press('incident.acknowledge'), retryNum: 2, retryReason: 'http_timeout' });
    await receiver.handle({ body: press('incident.acknowledge') });
    expect(seen).toEqual([2, undefined]);
    await expect(receiver.handle({ body: { type: 'url_verification', challenge: 'c-1' } })).resolves.toEqual({ challenge: 'c-1' });
  });

  it('answers {} when no listener takes the request, and refuses a second acknowledgement', async () => {
    const receiver = new SlackHttpReceiver();
    const app = appOn(receiver);
    app.error((error) => Promise.reject(error));
    app.action('twice', async ({ ack }) => {
      await ack();
      await ack();
    });
    await expect(receiver.handle({ body: press('nobody.listens') })).resolves.toEqual({});
    await expect(receiver.handle({ body: { type: 'app_rate_limited' } })).resolves.toEqual({});
    await expect(receiver.handle({ body: press('twice') })).rejects.toMatchObject({ code: 'slack_bolt_receiver_ack_multiple_error' });
  });
});
