import type { ApiPaths } from '../../../api/client';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** An outgoing message's delivery, as `GET /deliveries` lists it. */
export type Delivery = JsonOf<ApiPaths['/api/v1/deliveries']['get']['responses'][200]>['items'][number];
/** The states a delivery is filtered by. */
export type DeliveryStatus = Delivery['status'];

/** The channels a message may go out on, in the order the filter lists them. */
export const CHANNELS = ['telegram', 'viber', 'messenger', 'whatsapp', 'slack', 'botframework', 'webchat'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The list's filters: failed by default, as what needs a look comes first. */
export interface DeliveryFilters {
  status: DeliveryStatus | '';
  channel: Channel | '';
}

export const DEFAULT_FILTERS: DeliveryFilters = { status: 'failed', channel: '' };
