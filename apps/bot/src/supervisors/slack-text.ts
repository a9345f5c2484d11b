import type { ContextBlock, KnownBlock, MrkdwnElement, PlainTextElement, SectionBlock } from '@slack/types';

/** A Block Kit block, typed by Slack's own definitions. */
export type Block = KnownBlock;

/** A Slack message body: blocks and the plain text that notifications and screen readers use. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/**
 * Slack's mrkdwn reads `&`, `<` and `>` as control characters (`<!channel>`, `<@U…>`,
 * `<url|label>`); escaped, they show as themselves
 * (https://api.slack.com/reference/surfaces/formatting#escaping).
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack has no escape for its formatting characters, so the ones that could open or close
 * bold, italics or strike (at a word's edge) and every backtick become look-alikes
 * (∗ ˍ ∼ ˋ), as jsx-slack's `<Escape>` does; inside a word (`rude_staff`) they stay.
 */
const FORMATTING_AT_EDGE = /(?<![\p{L}\p{N}])[*_~]|[*_~](?![\p{L}\p{N}])|`/gu;
const LOOK_ALIKE: Record<string, string> = { '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' };

/**
 * Any text Turbota did not write itself (a customer's words, a reason, a point, an agent, a
 * note, a key's name), as it goes into mrkdwn or a message's `text`: it can mention no one,
 * disguise no link and format nothing.
 */
export function literal(text: string): string {
  return escapeMrkdwn(text).replace(FORMATTING_AT_EDGE, (c) => LOOK_ALIKE[c]);
}

/** A Slack user mention for an id Slack gave us; anything else is shown as text. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : literal(userId);
}

/** Cuts text to Slack's per-field limits, saying that it was cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A time every reader sees in their own time zone; the fallback is UTC. */
export function slackDate(at: Date): string {
  const fallback = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

/**
 * A mrkdwn text object. `verbatim` keeps Slack from turning plain URLs and channel names into
 * links (our own markup, dates and mentions still work), so a link in a customer's words is
 * not clickable.
 */
export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
export const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text, emoji: true });
export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(clip(text, 3000)) });
export const fields = (items: string[]): SectionBlock => ({ type: 'section', fields: items.slice(0, 10).map((item) => mrkdwn(clip(item, 2000))) });
export const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(clip(text, 3000))] });

/** A quote of someone's words, shown as they wrote them (escaped, not formatted, links not made clickable). */
export function quote(text: string, max: number): string {
  return `>${literal(clip(text, max)).replace(/\n/g, '\n>')}`;
}
