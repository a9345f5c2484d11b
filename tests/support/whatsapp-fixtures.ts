/**
 * WhatsApp Cloud API webhook deliveries shaped as Meta documents them
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples): one
 * `whatsapp_business_account` entry with one `messages` change for the business number.
 */

/** The business phone number the events are posted for, and the account it belongs to. */
export const WHATSAPP_PHONE_NUMBER_ID = '106540352242922';
export const WHATSAPP_ACCOUNT_ID = '102290129340398';

let clock = 1_760_000_000;
/** Each event a later second, as the Cloud API stamps them (seconds, as digits). */
const stamp = () => String(++clock);

const from = (waId: string, id: string, type: string) => ({ from: waId, id, timestamp: stamp(), type });

/** The builders of one customer message each. */
export const whatsappMessage = {
  /** Words the customer typed. */
  text: (waId: string, id: string, body: string) => ({ ...from(waId, id, 'text'), text: { body } }),
  /** A reply button tapped. */
  button: (waId: string, id: string, replyId: string, title = replyId) => ({ ...from(waId, id, 'interactive'), interactive: { type: 'button_reply', button_reply: { id: replyId, title } } }),
  /** A list row chosen. */
  listRow: (waId: string, id: string, rowId: string, title = rowId) => ({ ...from(waId, id, 'interactive'), interactive: { type: 'list_reply', list_reply: { id: rowId, title } } }),
  /** A template's quick-reply button tapped: its payload as the template was sent with it. */
  templateReply: (waId: string, id: string, payload: string, text = 'Start') => ({ ...from(waId, id, 'button'), button: { payload, text } }),
  /** A picture. */
  image: (waId: string, id: string) => ({ ...from(waId, id, 'image'), image: { mime_type: 'image/jpeg', sha256: 'abc', id: '1234567890' } }),
};

/** A status of a message Turbota sent; `failed` with the Cloud API's error. */
export function whatsappStatus(id: string, status: 'sent' | 'delivered' | 'read' | 'failed', recipient: string, error?: { code: number; title: string }) {
  return { id, status, timestamp: stamp(), recipient_id: recipient, ...(error ? { errors: [{ ...error, error_data: { details: error.title } }] } : {}) };
}

/** A webhook delivery, as the raw JSON text Meta signs: messages (with the senders' profiles) and statuses. */
export function whatsappWebhook(content: { messages?: { from: string }[]; statuses?: object[]; names?: Record<string, string>; phoneNumberId?: string }): string {
  const senders = [...new Set((content.messages ?? []).map((m) => m.from))];
  const value = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550783881', phone_number_id: content.phoneNumberId ?? WHATSAPP_PHONE_NUMBER_ID },
    ...(senders.length ? { contacts: senders.map((waId) => ({ profile: { name: content.names?.[waId] ?? 'Olena' }, wa_id: waId })) } : {}),
    ...(content.messages ? { messages: content.messages } : {}),
    ...(content.statuses ? { statuses: content.statuses } : {}),
  };
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: WHATSAPP_ACCOUNT_ID, changes: [{ value, field: 'messages' }] }] });
}
