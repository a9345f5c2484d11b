import type { FakeSlack } from './fake-slack';
import { type EnvelopeType, FakeSlackSocket } from './fake-slack-socket';
import { waitFor } from './wait-for';
import { postToSlack } from './webhooks';

/**
 * Delivers the same Slack request to the app over either transport Slack offers: signed HTTP
 * posts to `/webhooks/slack`, or envelopes over Socket Mode. A test written against
 * {@link SlackDelivery} runs unchanged over both (`describe.each(slackTransports)`).
 */

/** One request Slack makes of the app: an Events API callback, an interaction, a slash command. */
export type SlackRequest =
  | { kind: 'event'; /** The event callback as Slack sends it (JSON text). */ callback: string }
  | { kind: 'interaction'; payload: Record<string, unknown> }
  | { kind: 'command'; fields: Record<string, string> };

/**
 * What Slack saw of a delivery. Over HTTP, the response's status and body (JSON, or undefined
 * when empty). Socket Mode has no status: an ack counts as 200 and its payload is the body; no
 * ack within the wait fails the delivery.
 */
export interface SlackAnswer {
  status: number;
  body: unknown;
}

/** Requests to a running app over one transport. */
export interface SlackDelivery {
  readonly transport: SlackTransportName;
  /** Delivers the request once. */
  deliver(request: SlackRequest): Promise<SlackAnswer>;
  /**
   * Delivers the request, then again as Slack retries it (HTTP: `X-Slack-Retry-Num`; the
   * socket: the same envelope, `retry_attempt` + 1), `times` in all. `atOnce` sends the
   * retries without waiting for an answer, as when Slack's timeout beat the app's.
   */
  retried(request: SlackRequest, options: { times: number; atOnce?: boolean }): Promise<SlackAnswer[]>;
}

/** A transport started beside a {@link FakeSlack}, before the app. */
export interface SlackLine {
  /** What the app's environment needs for this transport. */
  readonly env: Record<string, string>;
  /** Deliveries to the app at `appUrl`, once it can be reached this way (the socket: connected). */
  connect(appUrl: string): Promise<SlackDelivery>;
  close(): Promise<void>;
}

export type SlackTransportName = 'http' | 'socket';

/** One way Slack reaches the app. */
export interface SlackTransport {
  readonly name: SlackTransportName;
  /** Starts Slack's side of the transport; the app is started with `env` after. */
  open(web: FakeSlack, secrets: { signingSecret: string }): Promise<SlackLine>;
}

/** The app-level token the Socket Mode fake accepts. */
export const SLACK_APP_TOKEN = 'xapp-1-A0PNCHHK2-0000-transports';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The body and content type of a request as Slack posts it. */
function httpBody(request: SlackRequest): { raw: string; type: 'json' | 'form' } {
  switch (request.kind) {
    case 'event':
      return { raw: request.callback, type: 'json' };
    case 'interaction':
      return { raw: form({ payload: JSON.stringify(request.payload) }), type: 'form' };
    case 'command':
      return { raw: form(request.fields), type: 'form' };
  }
}

/** The envelope type and payload of a request as Slack sends it over the socket. */
function envelopeOf(request: SlackRequest): { type: EnvelopeType; payload: Record<string, unknown> } {
  switch (request.kind) {
    case 'event':
      return { type: 'events_api', payload: JSON.parse(request.callback) as Record<string, unknown> };
    case 'interaction':
      return { type: 'interactive', payload: request.payload };
    case 'command':
      return { type: 'slash_commands', payload: request.fields };
  }
}

const http: SlackTransport = {
  name: 'http',
  open(_web, { signingSecret }) {
    return Promise.resolve({
      env: { SLACK_SIGNING_SECRET: signingSecret },
      connect: (appUrl) => {
        const post = async (request: SlackRequest, retryNum = 0): Promise<SlackAnswer> => {
          const { raw, type } = httpBody(request);
          const headers: Record<string, string> = retryNum > 0 ? { 'X-Slack-Retry-Num': String(retryNum), 'X-Slack-Retry-Reason': 'http_timeout' } : {};
          const res = await postToSlack(appUrl, raw, { secret: signingSecret, type, headers });
          const text = await res.text();
          return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
        };
        return Promise.resolve({
          transport: 'http' as const,
          deliver: (request) => post(request),
          async retried(request, { times, atOnce = false }) {
            // At once, every other copy comes unmarked too: a retry whose headers a proxy dropped is still the same event.
            if (atOnce) return Promise.all(Array.from({ length: times }, (_, i) => post(request, i % 2)));
            const answers: SlackAnswer[] = [];
            for (let i = 0; i < times; i++) answers.push(await post(request, i));
            return answers;
          },
        });
      },
      close: () => Promise.resolve(),
    });
  },
};

const socket: SlackTransport = {
  name: 'socket',
  async open(web, { signingSecret }) {
    const fake = await FakeSlackSocket.start(web, SLACK_APP_TOKEN);
    const answer = async (id: string, nth: number): Promise<SlackAnswer> => ({ status: 200, body: (await fake.acked(id, nth)).payload });
    const send = (request: SlackRequest) => {
      const { type, payload } = envelopeOf(request);
      // The one socket may be between connections (a refresh, a takeover): wait for it.
      return waitFor(() => (fake.openSockets()[0] ? fake.send(type, payload) : undefined), 15_000);
    };
    return {
      env: { SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN },
      async connect() {
        await waitFor(() => fake.openSockets()[0], 15_000);
        return {
          transport: 'socket' as const,
          async deliver(request) {
            return answer(await send(request), 1);
          },
          async retried(request, { times, atOnce = false }) {
            const id = await send(request);
            if (atOnce) {
              for (let i = 1; i < times; i++) fake.redeliver(id);
              return Promise.all(Array.from({ length: times }, (_, i) => answer(id, i + 1)));
            }
            const answers = [await answer(id, 1)];
            for (let i = 1; i < times; i++) {
              fake.redeliver(id);
              answers.push(await answer(id, i + 1));
            }
            return answers;
          },
        };
      },
      close: () => fake.close(),
    };
  },
};

/** Each transport by name, for a test that needs one in particular. */
export const slackOver = { http, socket } as const;

/** Both transports, for `describe.each(slackTransports)('... over $name', ...)`. */
export const slackTransports: SlackTransport[] = [http, socket];

/** An interaction's payload from its form-encoded body (`payload=<json>`), as the fixtures record it. */
export const interactionPayload = (raw: string) => JSON.parse(new URLSearchParams(raw).get('payload') ?? 'null') as Record<string, unknown>;
