import { Logger } from '@nestjs/common';
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';

/**
 * How every Slack Web API client of Turbota is set up: at `SLACK_API_URL` (a local fake in
 * tests), never retrying by itself (the outbox and the notice sender decide about retries and
 * waits, and a 429 reaches them at once), and well inside the send lease.
 */
export function slackClientOptions(apiUrl: string): WebClientOptions {
  return { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 };
}

/** Bolt's (and Socket Mode's) warnings and errors into the bot's log; their debug lines (which may hold bodies) nowhere. */
export function boltLogger(name = 'SlackBolt'): BoltLogger {
  const logger = new Logger(name);
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...message: unknown[]) => logger.warn(message.map(String).join(' ')),
    error: (...message: unknown[]) => logger.error(message.map(String).join(' ')),
    setLevel: (next: LogLevel) => void (level = next),
    getLevel: () => level,
    setName: () => undefined,
  };
}
