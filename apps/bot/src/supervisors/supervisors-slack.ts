import type { HomeView, ModalView } from '@slack/types';
import type { AppConfig } from '@turbota/config';
import type { SlackApp } from '../channels/slack/slack-app';
import { sendErrorOf } from '../channels/slack/slack.adapter';
import { type Block, section, type SlackMessage } from './slack-text';

/** Where supervisors work: the Web API's address, the escalation channel and who the supervisors are. Null when not configured. */
export interface SupervisorsSettings {
  apiUrl: string;
  channel: string;
  /** The Slack user group whose members are the supervisors; unset, the escalation channel's members are. */
  supervisorGroup?: string;
}

const SLACK_HOOKS_ORIGIN = 'https://hooks.slack.com';
/** 1,000 members a page: a hundred pages is more people than an escalation channel has. */
const MAX_MEMBER_PAGES = 100;

/** Injection token of the {@link SupervisorsSlack} client, null when the supervisors' Slack is off. */
export const SUPERVISORS_SLACK = Symbol('SUPERVISORS_SLACK');

/** The supervisors' Slack is on only with a bot token, a signing secret and SLACK_ESCALATION_CHANNEL. */
export function supervisorsSettingsOf(config: AppConfig): SupervisorsSettings | null {
  const slack = config.channels.slack;
  if (!slack?.escalationChannel) return null;
  return { apiUrl: slack.apiUrl, channel: slack.escalationChannel, ...(slack.supervisorGroup ? { supervisorGroup: slack.supervisorGroup } : {}) };
}

/**
 * The Web API calls the supervisors' side makes. Failures come out as the channels' typed send
 * errors (rate limited with retry_after, bad credentials, rejected, temporary), so the notice
 * sender decides as the outbox does.
 */
export class SupervisorsSlack {
  constructor(
    readonly settings: SupervisorsSettings,
    private readonly app: SlackApp,
  ) {}

  /** Posts to the escalation channel, or as a reply into a message's thread; answers where the message is. */
  async post(message: SlackMessage, thread?: { channel: string; ts: string }): Promise<{ channel: string; ts: string }> {
    const channel = thread?.channel ?? this.settings.channel;
    const sent = await this.call((client, token) =>
      client.chat.postMessage({
        token,
        channel,
        text: message.text,
        blocks: blocksOf(message),
        ...(thread ? { thread_ts: thread.ts } : {}),
        // No previews: a link in a customer's words or a note is not fetched nor shown as a card.
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    return { channel: sent.channel ?? channel, ts: sent.ts! };
  }

  /** Replaces a message in place. */
  async update(at: { channel: string; ts: string }, message: SlackMessage): Promise<void> {
    await this.call((client, token) => client.chat.update({ token, channel: at.channel, ts: at.ts, text: message.text, blocks: message.blocks }));
  }

  /** Whether a response_url is Slack's: its hooks host, or the host SLACK_API_URL points at. */
  answersAt(url: URL): boolean {
    return url.origin === SLACK_HOOKS_ORIGIN || url.origin === new URL(this.settings.apiUrl).origin;
  }

  async openView(triggerId: string, view: ModalView): Promise<void> {
    await this.call((client, token) => client.views.open({ token, trigger_id: triggerId, view }));
  }

  /** Replaces what one user's App Home tab shows (`views.publish`). */
  async publishHome(userId: string, view: HomeView): Promise<void> {
    await this.call((client, token) => client.views.publish({ token, user_id: userId, view }));
  }

  /** Shows a message to one user in a channel, and to nobody else. */
  async postEphemeral(channel: string, user: string, text: string): Promise<void> {
    await this.call((client, token) => client.chat.postEphemeral({ token, channel, user, text }));
  }

  /** Every member of a conversation, page by page (`conversations.members`). */
  async conversationMembers(channel: string): Promise<string[]> {
    const members: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
      const res = await this.call((client, token) => client.conversations.members({ token, channel, limit: 1000, ...(cursor ? { cursor } : {}) }));
      members.push(...(res.members ?? []));
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return members;
    }
    // A list that does not end is not a list of supervisors: nobody is admitted on it.
    throw new Error(`conversations.members of ${channel} did not end within ${MAX_MEMBER_PAGES} pages`);
  }

  /** A user's e-mail address (`users.info`, which needs the `users:read.email` scope); null when Slack has none for them. */
  async userEmail(userId: string): Promise<string | null> {
    const res = await this.call((client, token) => client.users.info({ token, user: userId }));
    return res.user?.profile?.email ?? null;
  }

  /** The members of a user group (`usergroups.users.list`). */
  async userGroupMembers(group: string): Promise<string[]> {
    const res = await this.call((client, token) => client.usergroups.users.list({ token, usergroup: group }));
    return res.users ?? [];
  }

  /** One Web API call through the app's client, with the bot token; failures as the channels' send errors. */
  private async call<T>(work: (client: SlackApp['client'], token: string) => Promise<T>): Promise<T> {
    try {
      return await work(this.app.client, this.app.token);
    } catch (error) {
      throw sendErrorOf(error);
    }
  }
}

/**
 * A message's blocks; a line without any (a thread's history) goes as one section, whose
 * verbatim text Slack does not auto-link, so a URL in a note or a point is not made clickable.
 */
function blocksOf(message: SlackMessage): Block[] {
  return message.blocks.length ? message.blocks : [section(message.text)];
}

/** Answers a button press to the one who pressed it only (an ephemeral message through its response_url). */
export async function respondEphemeral(responseUrl: string, text: string): Promise<void> {
  const res = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`Slack refused the response (HTTP ${res.status})`);
}
