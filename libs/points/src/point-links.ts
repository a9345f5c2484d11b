/**
 * The links a point of service's QR codes carry; each names the point, so the feedback that
 * comes through it carries the point too. The messenger deep links carry any start payload:
 * a survey link's page offers them with the link's token, to answer in the messenger instead.
 */
export const pointLinks = {
  /** The web chat page: `<PUBLIC_URL>/chat?point=<code>`. */
  webchat: (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}/chat?point=${encodeURIComponent(code)}`,
  /** A Telegram deep link: the bot receives `/start <code>`. */
  telegram: (botUsername: string, code: string) => `https://t.me/${encodeURIComponent(botUsername)}?start=${encodeURIComponent(code)}`,
  /** A Viber deep link into the bot's chat: `conversation_started` carries the code as its context. */
  viber: (chatUri: string, code: string) => `viber://pa?chatURI=${encodeURIComponent(chatUri)}&context=${encodeURIComponent(code)}`,
  /** A Messenger link to the Page: its `ref` comes with Get Started, or as a referral in an open chat. */
  messenger: (pageUsername: string, code: string) => `https://m.me/${encodeURIComponent(pageUsername)}?ref=${encodeURIComponent(code)}`,
};

/** A host as a request's `Host` header names it: a name or an address, and a port. */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The address the web chat's links start with: `PUBLIC_URL` when it is set; otherwise the
 * address the asking request came to (a first run on one machine or a LAN), when it is a
 * plain `http(s)://host[:port]`. Undefined when there is neither.
 */
export function linkBase(publicUrl: string | undefined, local: { protocol?: string; host?: string } = {}): { base: string; local: boolean } | undefined {
  if (publicUrl) return { base: publicUrl, local: false };
  const { protocol, host } = local;
  if ((protocol !== 'http' && protocol !== 'https') || !host || !HOST.test(host)) return undefined;
  return { base: `${protocol}://${host}`, local: true };
}
