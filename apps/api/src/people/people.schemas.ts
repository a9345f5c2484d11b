import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { API_ROLES, PERSON_ROLES, PERSON_STATUSES } from '@turbota/persistence';
import { apiRecord, instant } from '../api-records';
import { personRefSchema } from '../incidents/incident.schemas';

const role = z.enum(PERSON_ROLES);

/** A person as an admin sees them. */
export const userSchema = apiRecord('User', {
  email: z.string().meta({ example: 'olena@example.com' }),
  displayName: z.string().meta({ example: 'Olena Kovalenko' }),
  role,
  status: z.enum(PERSON_STATUSES).meta({ description: 'invited: has a link, no password yet; active: may sign in; deactivated: may not' }),
  slackUserId: z.string().meta({ description: 'The Slack user the person acts as in Slack' }).nullable(),
  lastSignInAt: instant().nullable(),
});

export const userListSchema = z.array(userSchema);

/** The people who may own incidents, by name. */
export const assignableListSchema = z.array(personRefSchema);

const invitationLinkFields = {
  inviteUrl: z.url().meta({ description: 'The one-time link to pass on: `/console/invite/<token>`', example: 'https://feedback.example.com/console/invite/Zr5u2Kx0bq7HxWQYqf2c3Jm9P3fTq0yVgN6a1sLwE8k' }),
  expiresAt: instant().meta({ description: 'The link works until then (72 hours)' }),
  emailed: z.boolean().meta({ description: 'Whether the link was e-mailed to the person too (only when SMTP_URL is set)' }),
};

/** A new link for a person who has not accepted yet. */
export const invitationLinkSchema = z.strictObject(invitationLinkFields).meta({ id: 'InvitationLink' });

/** An invited person and the link that lets them in. */
export const createdUserSchema = z.strictObject({ user: userSchema, ...invitationLinkFields }).meta({ id: 'CreatedUser' });

/** The signed-in person as they see themselves. */
export const personMeSchema = z
  .strictObject({
    kind: z.literal('person'),
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role,
    locale: z.enum(LOCALES).nullable(),
    slackUserId: z.string().meta({ description: 'The Slack user linked to you: your Slack actions are recorded as yours' }).nullable(),
  })
  .meta({ id: 'PersonMe' });

/** A one-time code that links the Slack user who types it to the signed-in person. */
export const slackLinkCodeSchema = z
  .strictObject({
    code: z.string().meta({ description: 'Works once, for 10 minutes; a new code replaces it', example: 'ABCD-2345' }),
    command: z.string().meta({ description: 'What to type in Slack', example: '/turbota link ABCD-2345' }),
    expiresAt: instant().meta({ description: 'The code works until then' }),
  })
  .meta({ id: 'SlackLinkCode' });

/** Who is signed in: a person, or the API key of the request. */
export const meSchema = z
  .discriminatedUnion('kind', [
    personMeSchema,
    z.strictObject({ kind: z.literal('apiKey'), id: z.uuid(), name: z.string(), role: z.enum(API_ROLES) }).meta({ id: 'ApiKeyMe' }),
  ])
  .meta({ id: 'Me' });

export const setupStateSchema = z.strictObject({ needed: z.boolean().meta({ description: 'True while no person exists: the setup link creates the first admin' }) }).meta({ id: 'SetupState' });

/** What an invitation link shows before it is accepted. */
export const invitationSchema = z.strictObject({ email: z.string(), displayName: z.string(), role, expiresAt: instant() }).meta({ id: 'Invitation' });

/** Whose password a reset link sets. */
export const passwordResetSchema = z.strictObject({ email: z.string() }).meta({ id: 'PasswordReset' });

export const resetRequestedSchema = z.strictObject({ message: z.string() }).meta({ id: 'PasswordResetRequested' });
