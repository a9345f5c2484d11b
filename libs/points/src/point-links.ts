/**
 * The links a point of service's QR codes carry; each names the point, so the feedback that
 * comes through it carries the point too.
 */
export const pointLinks = {
  /** The web chat page: `<PUBLIC_URL>/chat?point=<code>`. */
  webchat: (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}/chat?point=${encodeURIComponent(code)}`,
  /** A Telegram deep link: the bot receives `/start <code>`. */
  telegram: (botUsername: string, code: string) => `https://t.me/${encodeURIComponent(botUsername)}?start=${encodeURIComponent(code)}`,
  /** A Viber deep link into the bot's chat: `conversation_started` carries the code as its context. */
  viber: (chatUri: string, code: string) => `viber://pa?chatURI=${encodeURIComponent(chatUri)}&context=${encodeURIComponent(code)}`,
};
