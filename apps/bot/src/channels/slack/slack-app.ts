import { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AppConfig } from '@turbota/config';
import { boltLogger, slackClientOptions } from './slack-client';
import { SlackHttpReceiver } from './slack-http.receiver';

/** Injection token of the process's {@link SlackApp}, null when the Slack channel is off. */
export const SLACK_APP = Symbol('SLACK_APP');

/**
 * The one Bolt app of a process. The Slack router registers every listener on it, and every
 * Web API call the bot makes (messages to customers, incident messages, modals, App Home, the
 * supervisors' directory) goes through its `client`. The app authorizes each request with the
 * bot token as it is, so Bolt never calls `auth.test`; its client therefore carries no token of
 * its own, and each call names {@link SlackApp.token}, as Bolt documents for apps that
 * authorize themselves.
 */
export class SlackApp {
  readonly receiver = new SlackHttpReceiver();
  readonly bolt: App;

  constructor(
    readonly token: string,
    apiUrl: string,
  ) {
    this.bolt = new App({
      receiver: this.receiver,
      authorize: () => Promise.resolve({ botToken: token }),
      // SLACK_API_URL (a local fake in tests), no retries of its own, a 429 at once.
      clientOptions: slackClientOptions(apiUrl),
      // Reading a message already drops the app's own (bot_id, subtype); Bolt's check would need the bot's ids from auth.test.
      ignoreSelf: false,
      // No conversation state kept in this process: what a conversation is lives in the database.
      convoStore: false,
      logger: boltLogger(),
    });
  }

  /** Bolt's Web API client; every call passes `token`. */
  get client(): WebClient {
    return this.bolt.client;
  }
}

/** The app when the Slack channel is configured. */
export function slackAppOf(config: AppConfig): SlackApp | null {
  const slack = config.channels.slack;
  return slack ? new SlackApp(slack.botToken, slack.apiUrl) : null;
}
