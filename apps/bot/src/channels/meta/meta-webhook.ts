import { createHmac } from 'node:crypto';
import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { sameSecret } from '@turbota/common';
import type { WebhookRequest } from '../channel-adapter';

/*
 * What every Meta webhook (Messenger, and WhatsApp's Cloud API after it) shares: the
 * subscription handshake and the signature of each delivery
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started).
 */

/**
 * A challenge is echoed back as it came, so only what Meta sends (a number, in practice) is
 * echoed: nothing a browser could take for markup, whatever the content type.
 */
const CHALLENGE = /^[A-Za-z0-9._~-]{1,256}$/;

/**
 * The answer to Meta's subscription check, `GET <callback>?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`:
 * the challenge, to be sent back as the plain-text body of a 200, when the verify token is the
 * one configured (compared in constant time); undefined for anything else, which is a 403.
 */
export function hubChallengeOf(query: URLSearchParams, verifyToken: string): string | undefined {
  const [mode, token, challenge] = ['hub.mode', 'hub.verify_token', 'hub.challenge'].map((name) => query.getAll(name));
  // A parameter given twice is not Meta's.
  if (mode.length !== 1 || token.length !== 1 || challenge.length !== 1) return undefined;
  if (mode[0] !== 'subscribe' || !sameSecret(token[0], verifyToken) || !CHALLENGE.test(challenge[0])) return undefined;
  return challenge[0];
}

/**
 * A controller's answer to the subscription check of a channel on Meta: the challenge, or 404
 * while the channel is off (`verifyToken` undefined), or 403. The query is read from the raw URL
 * (`originalUrl`): `hub.mode` and its kind are names with a dot, which no query parser may take apart.
 */
export function subscriptionChallenge(channel: string, originalUrl: string, verifyToken: string | undefined): string {
  if (verifyToken === undefined) throw new NotFoundException(`The ${channel} channel is off`);
  const challenge = hubChallengeOf(new URL(originalUrl, 'http://localhost').searchParams, verifyToken);
  if (challenge === undefined) throw new ForbiddenException('Not a subscription check with the configured verify token');
  return challenge;
}

/** `X-Hub-Signature-256`: `sha256=` and the hex HMAC-SHA256 of the raw body, keyed with the app secret. */
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Whether a delivery carries the app's signature over its raw body, before anything of it is
 * read (constant-time comparison). A body Express could not keep raw has nothing to check: refused.
 */
export function hasHubSignature(request: WebhookRequest, appSecret: string): boolean {
  const given = request.headers['x-hub-signature-256'];
  const hex = typeof given === 'string' ? SIGNATURE.exec(given.trim())?.[1] : undefined;
  if (!hex || !request.rawBody) return false;
  const expected = createHmac('sha256', appSecret).update(request.rawBody).digest('hex');
  return sameSecret(hex.toLowerCase(), expected);
}
