import type { IncomingHttpHeaders } from 'node:http';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { MultipleListenerError, UnknownError } from '@slack/bolt';
import { SupervisorWebhook } from '../../supervisors/supervisor-webhook';
import { MalformedRequestError } from '../channel-adapter';
import { WebhookIngress } from '../webhook-ingress';
import { SLACK_APP, type SlackApp } from './slack-app';
import type { SlackDelivery } from './slack-http.receiver';
import { payloadOf } from './slack-request';

/** The interactions Turbota listens to; Bolt reads the user of each before any listener runs. */
const INTERACTIONS = new Set(['block_actions', 'view_submission', 'view_closed']);
/** The customers' survey buttons (see slack-render.ts); the supervisors' are `incident.*`. */
const CUSTOMER_ACTION = /^turbota\.answer\./;

/**
 * Every Slack request Turbota receives is routed by the process's Bolt app ({@link SlackApp}): a customer's direct message
 * and survey button to the webhook ingress, the supervisors' buttons, modals and slash command
 * to theirs. Bolt stays in the Slack folders; the rest of the bot sees plain bodies.
 */
@Injectable()
export class SlackRouter {
  constructor(@Inject(SLACK_APP) private readonly slack: SlackApp | null, ingress: WebhookIngress, @Optional() supervisors?: SupervisorWebhook) {
    if (!slack) return;
    const app = slack.bolt;
    // Bolt's default handler logs and rethrows a wrapped error; the request's answer needs the original.
    app.error((error) => Promise.reject(error instanceof UnknownError ? error.original : error));
    app.event('message', ({ body }) => asListener(async () => void (await ingress.accept('slack', body))));
    app.action(CUSTOMER_ACTION, ({ body, ack }) =>
      asListener(async () => {
        await ingress.accept('slack', body);
        await ack();
      }),
    );
    supervisors?.listen(app, asListener);
  }

  /**
   * Routes a verified request (its parsed body and headers) through Bolt; answers what the listener
   * acknowledged. Throws a MalformedRequestError for a body Slack never sends, and whatever a
   * listener threw (nothing stored), for the caller to answer.
   */
  route(body: unknown, headers: IncomingHttpHeaders): Promise<unknown> {
    return this.deliver(body, retryOf(headers));
  }

  /**
   * Routes a body as Slack sends it (a Socket Mode envelope's payload, or a verified request's
   * body) with its retry count; answers and throws as {@link route} does.
   */
  async deliver(body: unknown, retry: Pick<SlackDelivery, 'retryNum' | 'retryReason'> = {}): Promise<unknown> {
    if (!this.slack) throw new Error('The slack channel is off');
    const delivery: SlackDelivery = { body: boltBodyOf(body), ...retry };
    try {
      return await this.slack.receiver.handle(delivery);
    } catch (error) {
      // Bolt runs every listener's matching on its own, and gathers their failures when several fail.
      const failures = error instanceof MultipleListenerError ? error.originals : [error];
      const failed = failures.find((failure) => failure instanceof ListenerFailure);
      if (failed) throw failed.cause;
      // Bolt reading a field of a kind Slack never sends (a text where an object belongs) is the sender's mistake.
      if (failures.every((failure) => failure instanceof TypeError)) throw new MalformedRequestError('The slack request has a field of the wrong type');
      throw error;
    }
  }
}

/** A listener's own failure, told apart from Bolt failing to read the request. */
class ListenerFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('A Slack listener failed');
  }
}

/** Runs a listener's work; what it throws reaches the caller of {@link SlackRouter.route} as it was thrown. */
export async function asListener(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new ListenerFailure(error);
  }
}

/** A function every listener runs its work through (see {@link asListener}). */
export type ListenerRunner = typeof asListener;

/**
 * The body as Bolt reads it: a slash command's form as it is, interactivity's `payload=` parsed,
 * an event as it is. Refuses, as a MalformedRequestError, what is neither.
 */
function boltBodyOf(body: unknown): Record<string, unknown> {
  const form = body as { command?: unknown } | null;
  if (form && typeof form.command === 'string') return form;
  const payload = payloadOf(body);
  if (payload.type === 'event_callback' && (!payload.event_id || !isObject(payload.event))) {
    throw new MalformedRequestError('A Slack event callback needs event_id and event');
  }
  if (payload.type === 'block_actions') {
    const actions = payload.actions;
    if (!Array.isArray(actions) || !actions.length || !actions.every((action) => isObject(action) && typeof action.action_id === 'string')) {
      throw new MalformedRequestError('actions: a Slack block action needs a list of actions, each with an action_id');
    }
  }
  if ((payload.type === 'view_submission' || payload.type === 'view_closed') && !isObject(payload.view)) {
    throw new MalformedRequestError('view: a Slack view submission needs the view');
  }
  if (INTERACTIONS.has(payload.type ?? '') && !isObject(payload.user)) {
    throw new MalformedRequestError(`user: a Slack ${payload.type} needs the user who made it`);
  }
  return payload;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Slack's retry headers; one that cannot be read still marks a retry. */
function retryOf(headers: IncomingHttpHeaders): Pick<SlackDelivery, 'retryNum' | 'retryReason'> {
  const num = headers['x-slack-retry-num'];
  const reason = headers['x-slack-retry-reason'];
  if (num === undefined) return {};
  const parsed = Number(Array.isArray(num) ? num[0] : num);
  return { retryNum: Number.isInteger(parsed) && parsed > 0 ? parsed : 1, ...(typeof reason === 'string' ? { retryReason: reason } : {}) };
}
