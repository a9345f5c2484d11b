import type { ContactContext } from './conversation.service';
import type { ContactAttributes } from '@turbota/persistence';

/** What a contact's survey carries into its conversation, so every answer does: language, point, agent, service type, the name to greet by. */
export function contactContextOf(contact: ContactAttributes, customerName?: string): ContactContext {
  return {
    locale: contact.locale,
    pointOfService: contact.pointOfService,
    agent: contact.agent,
    serviceType: contact.serviceType,
    customerName,
  };
}
