import { WebClient, type WebClientOptions } from '@slack/web-api';

/**
 * How every Slack Web API client of Turbota is set up: at `SLACK_API_URL` (a local fake in
 * tests), never retrying by itself (the outbox and the notice sender decide about retries and
 * waits, and a 429 reaches them at once), and well inside the send lease.
 */
export function slackClientOptions(apiUrl: string): WebClientOptions {
  return { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 };
}

/**
 * The client the bot's own calls go through (messages to customers, incident messages, views).
 * Bolt's `app.client` carries no token here: the app authorizes each request itself, which is
 * what keeps Bolt from calling `auth.test` at start.
 */
export function slackWebClient(botToken: string, apiUrl: string): WebClient {
  return new WebClient(botToken, slackClientOptions(apiUrl));
}
