import { graphPost } from '../meta/graph-api';
import { TemporarySendError } from '../send-errors';

/** Where and as whom the Cloud API is called: the API root, the token, the business number's id. */
export interface CloudApiAccount {
  apiUrl: string;
  accessToken: string;
  phoneNumberId: string;
}

/**
 * One Cloud API `messages` call (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages)
 * to one person: answers the message id (`wamid.…`) the statuses will name, or throws the
 * `ChannelSendError` saying what to do (Graph errors read by the Meta core).
 */
export async function postMessage(account: CloudApiAccount, to: string, message: object, what: string): Promise<string> {
  const sent = await graphPost<{ messages?: { id?: unknown }[] }>({
    apiUrl: account.apiUrl,
    accessToken: account.accessToken,
    path: `/${account.phoneNumberId}/messages`,
    body: { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...message },
    what,
  });
  const id = Array.isArray(sent.messages) ? sent.messages[0]?.id : undefined;
  if (typeof id !== 'string' || !id) throw new TemporarySendError(`${what}: the answer has no messages[0].id`);
  return id;
}
