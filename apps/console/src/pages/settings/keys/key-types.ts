import type { ApiPaths } from '../../../api/client';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** An API key as it is listed: never the key itself. */
export type ApiKey = JsonOf<ApiPaths['/api/v1/api-keys']['get']['responses'][200]>[number];
/** A key just created: the only answer holding the key itself. */
export type CreatedApiKey = JsonOf<ApiPaths['/api/v1/api-keys']['post']['responses'][201]>;
/** What a key may do. */
export type KeyRole = ApiKey['role'];

/** The roles a key may have, the narrowest first (the form's default is the first). */
export const KEY_ROLES: readonly KeyRole[] = ['integration', 'viewer', 'supervisor', 'admin'];
