import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** How long a browser may take at the provider between the start of a sign-in and its callback. */
export const OIDC_FLOW_MINUTES = 10;

const IV_BYTES = 12;
const TAG_BYTES = 16;

const flowSchema = z.strictObject({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  redirectUri: z.string(),
  expiresAt: z.number(),
  /** The console page to end on (checked at the start); missing: the console's home. */
  next: z.string().optional(),
});

/**
 * What the callback of one sign-in must match: the state and nonce sent to the provider, the
 * PKCE verifier of the challenge sent with them, and the callback address the provider was given;
 * and the console page the person started from, to end on.
 */
export type OidcFlow = z.infer<typeof flowSchema>;

/**
 * Seals a flow for the browser to carry (AES-256-GCM): it can neither read the PKCE verifier
 * nor change the state or nonce, and every process with the same keys can open it.
 */
export function sealFlow(flow: OidcFlow, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The flow a sealed text holds, or null when it is missing, altered, sealed with another key, or expired. */
export function openFlow(sealed: string | undefined, keys: Buffer[], now: Date): OidcFlow | null {
  const bytes = Buffer.from(sealed ?? '', 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  for (const key of keys) {
    const flow = openWith(bytes, key);
    if (flow) return flow.expiresAt > now.getTime() ? flow : null;
  }
  return null;
}

function openWith(bytes: Buffer, key: Buffer): OidcFlow | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    const parsed = flowSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // altered, or sealed with another key: not this browser's flow
  }
}
