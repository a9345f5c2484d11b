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

/** The sign-in page's link to single sign-on. Not strict: a browser may add parameters of its own, which are left out. */
export const oidcStartQuerySchema = z.object({
  next: z
    .string('must be a string')
    .max(2048, 'takes at most 2048 characters')
    .meta({
      description: 'The console page to end on once signed in (the sign-in page\'s own `next`), e.g. /console/incidents/<id>; anything but a path below /console/ is ignored',
      example: '/console/problems',
    })
    .optional(),
});

export type OidcStartQuery = z.infer<typeof oidcStartQuerySchema>;
