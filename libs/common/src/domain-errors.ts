/** What is wrong with one field of an input, in the words the caller reads. */
export interface FieldProblems {
  field: string;
  problems: string[];
}

/**
 * What a domain service refuses, by kind. Domain libraries throw these and know nothing of
 * HTTP; the API maps each kind to its status in one place (`httpExceptionOf` in
 * `@turbota/server`), so a service is as usable from a worker, a seed or a test as from a route.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid' | 'not_found' | 'conflict' | 'stale' | 'unprocessable' | 'too_large' | 'upstream';

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The input breaks a rule the schema cannot know (a pool that does not fit, a time past, a
 * command without what its action needs): 400, per field when the fields are known.
 */
export class InvalidInputError extends DomainError {
  readonly kind = 'invalid';
  readonly errors: FieldProblems[];

  constructor(problems: FieldProblems[] | string) {
    super(typeof problems === 'string' ? problems : problems.map((e) => (e.field === '(body)' ? e.problems.join('; ') : `${e.field}: ${e.problems.join('; ')}`)).join('; '));
    this.errors = typeof problems === 'string' ? [] : problems;
  }
}

/** Nothing has that id: 404. */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
}

/** The change contradicts what is stored (a name taken, an archived pool, a channel that is off): 409. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** The caller changed a version other than the current one (optimistic concurrency): 412. */
export class StaleVersionError extends DomainError {
  readonly kind = 'stale';
}

/** The input is valid and fits what is stored, yet cannot be carried out (invitations that do not fit a campaign's window): 422. */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';
}

/** The input is larger than it may be (a CSV import past its size limit): 413. */
export class TooLargeError extends DomainError {
  readonly kind = 'too_large';
}

/** A platform Turbota asked on the caller's behalf failed or said nothing useful: 502. */
export class UpstreamError extends DomainError {
  readonly kind = 'upstream';
}
