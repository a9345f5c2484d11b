import createClient from 'openapi-fetch';
import { spokenLocale } from '../i18n/i18n';
import type { paths } from './schema';

/** Every route the console calls, typed from the API's document. */
export type ApiPaths = paths;

/**
 * The console's API client: same origin, with the session cookie; an unsafe request carries the
 * page's Origin, which the API checks against its own.
 */
export const api = createClient<ApiPaths>({ baseUrl: window.location.origin, credentials: 'same-origin', headers: { Accept: 'application/json' } });

// What the API writes for people to read (an incident's tasks for the staff) comes in the
// console's language, not the browser's.
api.use({
  onRequest({ request }) {
    request.headers.set('Accept-Language', spokenLocale());
    return request;
  },
});
