import createClient from 'openapi-fetch';
import type { paths } from './schema';

/** Every route the console calls, typed from the API's document. */
export type ApiPaths = paths;

/**
 * The console's API client: same origin, with the session cookie; an unsafe request carries the
 * page's Origin, which the API checks against its own.
 */
export const api = createClient<ApiPaths>({ baseUrl: window.location.origin, credentials: 'same-origin', headers: { Accept: 'application/json' } });
