import { ConflictError } from '@turbota/common';

/**
 * Refused because the incident or problem changed since the version the caller read: 409
 * (the REST API answers 412 when the version came in If-Match).
 */
export class VersionConflictError extends ConflictError {
  constructor(what: string, expected: number, actual: number) {
    super(`${what} changed since version ${expected} (it is at version ${actual} now): reload it and try again`);
  }
}
