import { MalformedRequestError } from '../channel-adapter';
import type { WebhookIngress } from '../webhook-ingress';
import { SlackApp } from './slack-app';
import { SlackRouter } from './slack-router';
import { slackButtonPress, slackMessageEvent } from '../../../../../tests/support/slack-fixtures';


/** The router over an ingress whose `accept` does what the test says. */
function routerWith(accept: (channel: string, body: unknown) => Promise<unknown>) {
  const accepted: unknown[] = [];
  const ingress = {
    accept: (channel: string, body: unknown) => {
      accepted.push(body);
      return accept(channel, body);
    },
  } as unknown as WebhookIngress;
  return { router: new SlackRouter(new SlackApp('xoxb-test', 'http://127.0.0.1:9/api/'), ingress), accepted };
}

const form = (encoded: string) => Object.fromEntries(new URLSearchParams(encoded));
const message = () => JSON.parse(slackMessageEvent({ eventId: 'Ev1', channel: 'D1', text: 'start' })) as Record<string, unknown>;
const press = () => form(slackButtonPress({ channel: 'D1', actionTs: '1700000000.1', value: 's:3', label: '3', messageTs: '1700000000.0', messageText: 'How likely?' }));

describe('SlackRouter', () => {
  it("hands a customer's direct message and survey button to the ingress, and answers once it has stored them", async () => {
    const steps: string[] = [];
    const { router, accepted } = routerWith(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      steps.push('stored');
      return {};
    });
    const answer = await router.route(message(), {});
    steps.push('answered');
    expect(answer).toEqual({});
    await expect(router.route(press(), {})).resolves.toEqual({});
    expect(steps).toEqual(['stored', 'answered', 'stored']);
    expect(accepted).toEqual([message(), JSON.parse(press().payload)]);
  });

  it('rejects with exactly what the ingress threw, so a failure to store is a 5xx and a missing survey policy a 503', async () => {
    class NoPolicy extends Error {}
    const failure = new NoPolicy('no survey policy');
    const { router } = routerWith(() => Promise.reject(failure));
    await expect(router.route(message(), {})).rejects.toBe(failure);
    await expect(router.route(press(), {})).rejects.toBe(failure);
  });

  it('refuses bodies Slack never sends as malformed, before anything is stored', async () => {
    const { router, accepted } = routerWith(() => Promise.resolve({}));
    const payload = (value: unknown) => ({ payload: JSON.stringify(value) });
    const bodies: unknown[] = [
      { payload: '{not json' },
      { text: 'no type' },
      { type: 'event_callback', event: { type: 'message' } },
      payload({ type: 'block_actions', user: { id: 'U1' }, actions: ['ab'] }),
      payload({ type: 'block_actions', actions: [{ action_id: 'turbota.answer.1' }] }),
      payload({ type: 'view_submission', user: { id: 'U1' }, view: 'v' }),
      // Bolt itself cannot read a channel that is null.
      { type: 'event_callback', event_id: 'Ev2', event: { type: 'message', channel: null } },
    ];
    for (const body of bodies) await expect(router.route(body, {})).rejects.toBeInstanceOf(MalformedRequestError);
    expect(accepted).toEqual([]);
  });

  it('answers the URL check with its challenge, and a request no listener takes with {}', async () => {
    const { router, accepted } = routerWith(() => Promise.resolve({}));
    await expect(router.route({ type: 'url_verification', challenge: 'c-1' }, {})).resolves.toEqual({ challenge: 'c-1' });
    await expect(router.route({ type: 'event_callback', event_id: 'Ev3', event: { type: 'app_mention', channel: 'C1' } }, {})).resolves.toEqual({});
    expect(accepted).toEqual([]);
  });
});
