import type { ChannelsConfig } from '@turbota/config';
import type { DialogueTexts, Prompt } from '@turbota/dialogue';
import { renderPrompt as messengerMessage } from './messenger/messenger-render';
import { renderPrompt as slackMessage } from './slack/slack-render';
import { renderPrompt as telegramMessage } from './telegram/telegram-render';
import { renderPrompt as viberMessage } from './viber/viber-render';
import { renderPrompt as whatsappMessage } from './whatsapp/whatsapp-render';

/** What one channel sends for a prompt, as plain JSON, and whether the channel is on. */
export interface ChannelPreview {
  channel: PreviewChannel;
  title: string;
  /** Whether this installation has the channel's credentials (the web chat is always on). */
  enabled: boolean;
  /** The message as the adapter sends it, without the address it goes to. */
  payload: unknown;
}

/** How one channel renders a prompt, and which configured channel turns it on. */
interface PreviewRenderer {
  title: string;
  /** The configured channel that turns it on; none: always on. */
  enabledBy?: keyof ChannelsConfig;
  /** `texts`: the language's, for the words a channel adds of its own (WhatsApp's list button). */
  render(prompt: Prompt, texts: DialogueTexts): unknown;
}

/** Bot Framework's renderer, with botbuilder under it, loaded on the first preview rather than at start-up. */
const botFrameworkMessage = async (prompt: Prompt, channelId?: string) => (await import('./botframework/botframework-render.js')).renderPrompt(prompt, channelId);

/** As it travels: builders (grammY's keyboards) become the JSON the platform receives. */
const asSent = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/**
 * Each channel's renderer, as its adapter calls it: Telegram's `sendMessage` text and keyboard,
 * Viber's `send_message` body, Messenger's Send API `message` (text and quick replies), the
 * Cloud API's WhatsApp message (`text`, or `interactive` reply buttons or a list), Slack's
 * `chat.postMessage` text and blocks, a Bot Framework activity (suggested actions where all
 * show; Teams shows three, so more become a card), and the web chat's transcript message,
 * which is the prompt itself.
 */
const RENDERERS = {
  telegram: { title: 'Telegram', enabledBy: 'telegram', render: (prompt) => asSent(telegramMessage(prompt)) },
  viber: { title: 'Viber', enabledBy: 'viber', render: (prompt) => asSent(viberMessage(prompt)) },
  messenger: { title: 'Messenger', enabledBy: 'messenger', render: (prompt) => asSent(messengerMessage(prompt)) },
  whatsapp: { title: 'WhatsApp', enabledBy: 'whatsapp', render: (prompt, texts) => asSent(whatsappMessage(prompt, texts)) },
  slack: { title: 'Slack', enabledBy: 'slack', render: (prompt) => asSent(slackMessage(prompt)) },
  botframework: { title: 'Bot Framework (Web Chat, Direct Line)', enabledBy: 'botframework', render: async (prompt) => asSent(await botFrameworkMessage(prompt)) },
  msteams: { title: 'Microsoft Teams', enabledBy: 'botframework', render: async (prompt) => asSent(await botFrameworkMessage(prompt, 'msteams')) },
  web: { title: 'Web chat', render: (prompt) => asSent(prompt) },
} satisfies Record<string, PreviewRenderer>;

/** The channels a preview shows, by the name the API answers them with. */
export type PreviewChannel = keyof typeof RENDERERS;

/** The names of every previewed channel, in the order the console shows them. */
export const PREVIEW_CHANNELS = Object.keys(RENDERERS) as PreviewChannel[];

/** A prompt as every channel sends it, whether or not the channel is on here, with the texts of the prompt's language. */
export function channelPreviews(prompt: Prompt, channels: ChannelsConfig, texts: DialogueTexts): Promise<ChannelPreview[]> {
  return Promise.all(
    PREVIEW_CHANNELS.map(async (channel) => {
      const renderer: PreviewRenderer = RENDERERS[channel];
      return { channel, title: renderer.title, enabled: !renderer.enabledBy || channels[renderer.enabledBy] !== null, payload: await renderer.render(prompt, texts) };
    }),
  );
}
