import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { PERSON_ROLES } from '@turbota/persistence';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-hasher';

/** An e-mail as typed: trimmed and lower-cased, as it is stored and compared. */
const email = z
  .string('must be a string')
  .trim()
  .toLowerCase()
  .max(254, 'takes at most 254 characters')
  .pipe(z.email('must be an e-mail address'))
  .meta({ example: 'olena@example.com', description: 'An e-mail address; upper and lower case count as the same' });

const displayName = z
  .string('must be a string')
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'takes at most 200 characters')
  .meta({ example: 'Olena Kovalenko', description: 'The name others see in the console, the history and Slack' });

const role = z.enum(PERSON_ROLES, `must be one of ${PERSON_ROLES.join(', ')}`).meta({
  description: 'admin: everything; supervisor: works incidents and problems and reads reports; viewer: reads reports (contacts masked)',
});

const locale = z.enum(LOCALES, `must be one of ${LOCALES.join(', ')}`).meta({ description: 'The language of the e-mails to the person; unset: the installation\'s default' });

const password = z
  .string('must be a string')
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters long`)
  .max(PASSWORD_MAX_LENGTH, `takes at most ${PASSWORD_MAX_LENGTH} characters`)
  .meta({ example: 'correct-horse-battery-staple', description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not the e-mail address` });

/** A Slack user id as Slack shows it (profile → ⋮ → Copy member ID). */
export const slackUserIdSchema = z
  .string('must be a string')
  .trim()
  .toUpperCase()
  .regex(/^[UW][A-Z0-9]{2,31}$/, 'must be a Slack member ID such as U012AB3CD')
  .meta({ example: 'U012AB3CD', description: "A Slack member ID (in Slack: the person's profile, ⋮, Copy member ID)" });

/** A person an admin invites. */
export const userInputSchema = z.strictObject({ email, displayName, role, locale: locale.optional() }).meta({ id: 'UserInput' });

/** What an admin may change about a person: only the fields given. */
export const userChangeSchema = z
  .strictObject({
    role: role.optional(),
    displayName: displayName.optional(),
    slackUserId: slackUserIdSchema.nullable().meta({ description: 'The Slack user the person acts as in Slack; null unlinks' }).optional(),
  })
  .meta({ id: 'UserChange' });

/** The first admin, created with the one-time setup link's token. */
export const setupInputSchema = z
  .strictObject({
    token: z.string('must be a string').min(1, 'must not be empty').max(200, 'takes at most 200 characters').meta({ description: 'The token at the end of the setup link (DATA_DIR/setup-url)', example: 'Zr5u2Kx0bq7HxWQYqf2c3Jm9P3fTq0yVgN6a1sLwE8k' }),
    email,
    displayName,
    password,
    locale: locale.optional(),
  })
  .meta({ id: 'SetupInput' });

/** A sign-in: any text is taken as the e-mail, so a malformed one is refused like an unknown one. */
export const signInInputSchema = z
  .strictObject({
    email: z.string('must be a string').trim().toLowerCase().max(254, 'takes at most 254 characters').meta({ example: 'olena@example.com' }),
    password: z.string('must be a string').max(PASSWORD_MAX_LENGTH, `takes at most ${PASSWORD_MAX_LENGTH} characters`).meta({ example: 'correct-horse-battery-staple' }),
  })
  .meta({ id: 'SignInInput' });

/** What an invited person gives to accept: a password, and the name and language if they would change them. */
export const invitationAcceptInputSchema = z.strictObject({ password, displayName: displayName.optional(), locale: locale.optional() }).meta({ id: 'InvitationAcceptInput' });

/** Asks for a password reset link by e-mail. */
export const passwordResetRequestInputSchema = z.strictObject({ email }).meta({ id: 'PasswordResetRequestInput' });

/** The new password of a reset. */
export const newPasswordInputSchema = z.strictObject({ password }).meta({ id: 'NewPasswordInput' });

export type UserInput = z.infer<typeof userInputSchema>;
export type UserChange = z.infer<typeof userChangeSchema>;
export type SetupInput = z.infer<typeof setupInputSchema>;
export type SignInInput = z.infer<typeof signInInputSchema>;
export type InvitationAcceptInput = z.infer<typeof invitationAcceptInputSchema>;
export type PasswordResetRequestInput = z.infer<typeof passwordResetRequestInputSchema>;
export type NewPasswordInput = z.infer<typeof newPasswordInputSchema>;
