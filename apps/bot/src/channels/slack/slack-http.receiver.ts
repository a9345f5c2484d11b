import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { ReceiverMultipleAckError } from '@slack/bolt';

/** One verified Slack request as Bolt reads it: the payload (interactivity's `payload=` already parsed) and Slack's retry headers. */
export interface SlackDelivery {
  body: Record<string, unknown>;
  /** `X-Slack-Retry-Num`: set when Slack delivers the request again. */
  retryNum?: number;
  /** `X-Slack-Retry-Reason`. */
  retryReason?: string;
}

/**
 * Bolt's receiver for `POST /webhooks/slack`, which Nest owns: the controller verifies the
 * request and hands it here, and the HTTP answer is what the listener acknowledged, given only
 * once Bolt has run the listener to its end. Bolt's own receivers answer when `ack` is called,
 * and acknowledge events before the listener has run; here a listener that fails (nothing
 * stored) rejects, so the request is answered with an error and Slack delivers it again.
 */
export class SlackHttpReceiver implements Receiver {
  private app?: App;

  init(app: App): void {
    this.app = app;
  }

  /** Nothing to listen on: the requests arrive through Nest's route. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Routes one request through the app; answers what the listener acknowledged (`{}` when it
   * acknowledged with nothing, or when no listener took the request). Rejects with whatever the
   * listener or the app's error handler threw.
   */
  async handle(delivery: SlackDelivery): Promise<unknown> {
    if (!this.app) throw new Error('The Slack receiver is not attached to an app');
    // Slack checks the Events API address with this; Bolt leaves the answer to the receiver.
    if (delivery.body.type === 'url_verification') return { challenge: delivery.body.challenge };
    let acknowledged = false;
    let answer: unknown;
    const event: ReceiverEvent = {
      body: delivery.body,
      ...(delivery.retryNum === undefined ? {} : { retryNum: delivery.retryNum }),
      ...(delivery.retryReason === undefined ? {} : { retryReason: delivery.retryReason }),
      // The answer is kept, not sent: the request is answered after the listener has finished.
      ack: (response?: unknown) => {
        if (acknowledged) return Promise.reject(new ReceiverMultipleAckError());
        acknowledged = true;
        answer = response;
        return Promise.resolve();
      },
    };
    await this.app.processEvent(event);
    return answer ?? {};
  }
}
