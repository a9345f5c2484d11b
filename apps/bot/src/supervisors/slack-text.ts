/** A Block Kit block, as Slack's JSON takes it. */
export type Block = Record<string, unknown>;

/** A Slack message body: blocks and the plain text that notifications and screen readers use. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Slack's mrkdwn reads `&`, `<` and `>` as markup; anything a customer wrote must be escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
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

export const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
export const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
export const section = (text: string): Block => ({ type: 'section', text: mrkdwn(clip(text, 3000)) });
export const fields = (items: string[]): Block => ({ type: 'section', fields: items.slice(0, 10).map((item) => mrkdwn(clip(item, 2000))) });
export const context = (text: string): Block => ({ type: 'context', elements: [mrkdwn(clip(text, 3000))] });
