import { z } from 'zod';

const parameter = (description: string) =>
  z.string('must be a string').max(4096, 'takes at most 4096 characters').meta({ description }).optional();

/**
 * The provider's answer on the callback. Not strict: providers add parameters of their own
 * (`session_state`, Google's `authuser` and `hd`), which are left out.
 */
export const oidcCallbackQuerySchema = z.object({
  code: parameter('The authorization code, exchanged once together with the PKCE verifier'),
  state: parameter('Must equal the state this browser started the sign-in with'),
  iss: parameter('The issuer that answered (RFC 9207), checked when the provider sends it'),
  error: parameter("The provider's refusal, e.g. access_denied when the person cancelled"),
  error_description: parameter("The provider's words about the refusal"),
});

export type OidcCallbackQuery = z.infer<typeof oidcCallbackQuerySchema>;
