/**
 * What the people services refuse, each kind telling the caller what to do; the API maps
 * every kind to its HTTP status in one place.
 */
export abstract class PeopleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** No person has that id. */
export class PersonNotFoundError extends PeopleError {
  constructor(id: string) {
    super(`No person ${id}`);
  }
}

/** The change contradicts the people as they are (an e-mail taken, the last admin, an accepted invitation). */
export class PeopleConflictError extends PeopleError {}

/** No link has that token. */
export class LinkNotFoundError extends PeopleError {
  constructor() {
    super('This link is unknown: ask for a new one');
  }
}

/** The link was used already, has expired, or its person may no longer use it. */
export class LinkSpentError extends PeopleError {
  constructor() {
    super('This link has been used or has expired: ask for a new one');
  }
}

/** A Slack user another person has linked: it stands for one person only. */
export class SlackUserTakenError extends PeopleConflictError {
  constructor() {
    super('Another person has linked this Slack user, and it can stand for one person only: unlink it from them first');
  }
}

/** A Slack link code no person holds, or one that has expired or been used: make a new one. */
export class SlackLinkCodeRefusedError extends PeopleError {
  constructor() {
    super('This Slack link code is wrong or has expired: make a new one in the console');
  }
}

/** The setup link is wrong, used, or the first admin exists already. */
export class SetupRefusedError extends PeopleError {}

/** A sign-in with a wrong e-mail or password: one answer for both, so it reveals no account. */
export class SignInRefusedError extends PeopleError {
  constructor() {
    super('The e-mail or the password is wrong');
  }
}

/** Too many failures from this account or address: try again after `retryAfterSeconds`. */
export class SignInThrottledError extends PeopleError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed attempts; retry after ${retryAfterSeconds} s`);
  }
}

/** A new password breaks a rule; `field` names the input field it came in. */
export class PasswordRefusedError extends PeopleError {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}
