import { z } from 'zod';

/** How the console's sign-in page may sign a person in. */
export const signInMethodsSchema = z
  .strictObject({
    singleSignOn: z
      .strictObject({
        provider: z
          .string()
          .meta({ description: 'The provider by name (Google, Microsoft, Slack) for the button; null: a generic "single sign-on"', example: 'Google' })
          .nullable(),
      })
      .meta({ description: 'Set when single sign-on is configured (OIDC_ISSUER_URL): the sign-in starts at GET /api/v1/auth/oidc/start' })
      .nullable(),
  })
  .meta({ id: 'SignInMethods' });
