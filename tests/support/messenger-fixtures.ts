/**
 * Messenger webhook deliveries shaped as Meta documents them
 * (https://developers.facebook.com/docs/messenger-platform/webhooks): one `page` object with
 * one entry holding the messaging events given. PSIDs and mids are strings, as Messenger sends them.
 */

/** The Page the events are posted for. */
export const MESSENGER_PAGE_ID = '106217225612345';

let clock = 1_760_000_000_000;
/** Each event a later millisecond, as Messenger stamps them. */
const stamp = () => ++clock;

const from = (psid: string) => ({ sender: { id: psid }, recipient: { id: MESSENGER_PAGE_ID }, timestamp: stamp() });

/** The builders of one messaging event each. */
export const messengerEvent = {
  /** Words the customer typed. */
  text: (psid: string, mid: string, text: string) => ({ ...from(psid), message: { mid, text } }),
  /** A quick reply tapped: its title posted as the message, its payload beside it. */
  quickReply: (psid: string, mid: string, payload: string, title = payload) => ({ ...from(psid), message: { mid, text: title, quick_reply: { payload } } }),
  /** The `user_phone_number` quick reply: Messenger fills in the profile's number. */
  sharedPhone: (psid: string, mid: string, phone = '+380671234567') => ({ ...from(psid), message: { mid, text: phone, quick_reply: { payload: phone } } }),
  /** A sticker or a picture alone. */
  attachment: (psid: string, mid: string) => ({ ...from(psid), message: { mid, attachments: [{ type: 'image', payload: { url: 'https://scontent.example.com/a.png' } }] } }),
  /** The Page's own message, echoed back. */
  echo: (psid: string, mid: string) => ({ sender: { id: MESSENGER_PAGE_ID }, recipient: { id: psid }, timestamp: stamp(), message: { mid, is_echo: true, app_id: 1517776481860111, text: 'Thank you' } }),
  /** Get Started (or a menu item) tapped; `ref`: it came from an `m.me/<page>?ref=` link. */
  postback: (psid: string, payload: string, options: { mid?: string; ref?: string } = {}) => ({
    ...from(psid),
    postback: {
      title: 'Get Started',
      payload,
      ...(options.mid ? { mid: options.mid } : {}),
      ...(options.ref ? { referral: { ref: options.ref, source: 'SHORTLINK', type: 'OPEN_THREAD' } } : {}),
    },
  }),
  /** An `m.me/<page>?ref=<ref>` link opened in a conversation the customer already has. */
  referral: (psid: string, ref: string) => ({ ...from(psid), referral: { ref, source: 'SHORTLINK', type: 'OPEN_THREAD' } }),
  delivery: (psid: string, mids: string[] | undefined, watermark: number) => ({ ...from(psid), delivery: { ...(mids ? { mids } : {}), watermark } }),
  read: (psid: string, watermark: number) => ({ ...from(psid), read: { watermark } }),
};

/** A webhook delivery of the events, as the raw JSON text Meta signs. */
export function messengerWebhook(...events: object[]): string {
  return JSON.stringify({ object: 'page', entry: [{ id: MESSENGER_PAGE_ID, time: stamp(), messaging: events }] });
}
