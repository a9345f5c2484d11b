import { createHmac } from 'node:crypto';
import { ErrorCode } from '@slack/web-api';
import { type Locale, sameSecret } from '@turbota/common';
import type { ChannelAdapter, ChannelEvent, OutboundMessage, WebhookRequest } from '../channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../send-errors';
import type { SlackApp } from './slack-app';
import { eventsOfSlack, payloadOf } from './slack-request';
import { renderPrompt, renderReceipt } from './slack-render';

export interface SlackSettings {
  /** The process's Bolt app, whose client sends. */
  app: SlackApp;
  signingSecret: string;
  defaultLocale: Locale;
  /** Seconds since the epoch; injected so tests can move it. */
  now?: () => number;
}

/** Slack refuses requests older than five minutes; so do we, and ones from the future too. */
const MAX_SKEW_SECONDS = 300;
const UNREACHABLE = new Set(['channel_not_found', 'user_not_found', 'is_archived', 'cannot_dm_bot', 'user_disabled', 'not_in_channel']);
const CREDENTIALS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope']);

/** Slack for customers: direct messages to the app, Block Kit buttons, signed requests. */
export class SlackAdapter implements ChannelAdapter {
  readonly channel = 'slack';
  // chat.postMessage: about one message a second into one conversation.
  readonly limits = { perSecond: 20, perChatIntervalMs: 1000 };

  constructor(private readonly settings: SlackSettings) {}

  /** `X-Slack-Signature`: v0 HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret, within five minutes. */
  verify(request: WebhookRequest): boolean {
    const signature = request.headers['x-slack-signature'];
    const timestamp = request.headers['x-slack-request-timestamp'];
    if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp) || !request.rawBody) return false;
    const now = this.settings.now?.() ?? Math.floor(Date.now() / 1000);
    if (Math.abs(now - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
    const expected = `v0=${createHmac('sha256', this.settings.signingSecret).update(`v0:${timestamp}:`).update(request.rawBody).digest('hex')}`;
    return sameSecret(signature, expected);
  }

  parse(body: unknown): ChannelEvent[] {
    return eventsOfSlack(body, this.settings.defaultLocale);
  }

  /** The URL check Slack makes when the Events API is set up is answered with its challenge. */
  acknowledgement(body: unknown): unknown {
    const request = payloadOf(body);
    return request.type === 'url_verification' ? { challenge: request.challenge } : {};
  }

  async send(message: OutboundMessage): Promise<{ platformMessageId?: string }> {
    const { client, token } = this.settings.app;
    try {
      if (message.body.kind === 'receipt') {
        await client.chat.update({ token, channel: message.address, ts: message.body.replyTo, ...renderReceipt(message.body.text) });
        return {};
      }
      const sent = await client.chat.postMessage({ token, channel: message.address, ...renderPrompt(message.body) });
      return { platformMessageId: sent.ts };
    } catch (error) {
      throw sendErrorOf(error);
    }
  }
}

/** What a Web API failure means for the outbox. */
export function sendErrorOf(error: unknown): Error {
  const failure = error as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; message?: string };
  if (failure.code === ErrorCode.RateLimitedError) return new RateLimitedError(failure.retryAfter ?? 1, 'Slack rate limit');
  if (failure.code === ErrorCode.PlatformError) {
    const reason = failure.data?.error ?? 'unknown';
    if (UNREACHABLE.has(reason)) return new RecipientUnreachableError(reason);
    if (CREDENTIALS.has(reason)) return new BadCredentialsError(reason);
    if (reason === 'ratelimited') return new RateLimitedError(1, reason);
    return new RejectedMessageError(reason);
  }
  return new TemporarySendError(failure.message ?? String(error));
}
