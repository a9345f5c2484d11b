import { z } from 'zod';
import { API_ROLES } from '@turbota/persistence';
import { instant } from '../api-records';

const keyFields = {
  id: z.uuid(),
  name: z.string().meta({ example: 'CRM integration' }),
  role: z.enum(API_ROLES),
  fingerprint: z
    .string()
    .meta({ description: 'A keyed fingerprint to tell keys apart (no part of the key); null for a key created before fingerprints until its next use', example: 'fp:3f9a0c12' })
    .nullable(),
  source: z.enum(['api', 'env', 'generated']).meta({ description: 'api: created here; env: ADMIN_API_KEY; generated: made at the first start without ADMIN_API_KEY' }),
  createdAt: instant(),
  lastUsedAt: instant().nullable(),
  revokedAt: instant().nullable(),
};

/** An API key as it is shown: never the key itself (nor a part of it). */
export const apiKeySchema = z.strictObject(keyFields).meta({ id: 'ApiKey' });

/** A key just created: the only answer that holds the key itself. */
export const createdApiKeySchema = z
  .strictObject({ ...keyFields, key: z.string().meta({ description: 'The key itself. It is shown only in this response; store it now.' }) })
  .meta({ id: 'CreatedApiKey' });

export const apiKeyListSchema = z.array(apiKeySchema);

/** `GET /api-keys?includeRevoked=`. */
export const apiKeysQuerySchema = z.strictObject({
  includeRevoked: z
    .enum(['true', 'false'], 'includeRevoked must be true or false')
    .meta({ description: 'Include revoked keys (default false)' })
    .optional()
    .transform((value) => value === 'true'),
});

export type ApiKeysQuery = z.infer<typeof apiKeysQuerySchema>;
