import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import {
  LinkNotFoundError,
  LinkSpentError,
  PasswordRefusedError,
  PeopleConflictError,
  PeopleError,
  PersonNotFoundError,
  SetupRefusedError,
  SignInRefusedError,
  SignInThrottledError,
} from '@turbota/people';
import { validationError } from '@turbota/server';

const STATUS: [new (...args: never[]) => PeopleError, HttpStatus][] = [
  [PersonNotFoundError, HttpStatus.NOT_FOUND],
  [LinkNotFoundError, HttpStatus.NOT_FOUND],
  [LinkSpentError, HttpStatus.GONE],
  [PeopleConflictError, HttpStatus.CONFLICT],
  [SetupRefusedError, HttpStatus.FORBIDDEN],
  [SignInRefusedError, HttpStatus.UNAUTHORIZED],
  [SignInThrottledError, HttpStatus.TOO_MANY_REQUESTS],
];

const ERROR_NAMES: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.GONE]: 'Gone',
  [HttpStatus.CONFLICT]: 'Conflict',
  [HttpStatus.FORBIDDEN]: 'Forbidden',
  [HttpStatus.UNAUTHORIZED]: 'Unauthorized',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Too Many Requests',
};

/** What the people services refuse, answered in the API's error shape: each kind of refusal has one status. */
@Catch(PeopleError)
export class PeopleErrorFilter implements ExceptionFilter {
  catch(error: PeopleError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof PasswordRefusedError) {
      const refused = validationError([{ field: error.field, problems: [error.problem] }]);
      res.status(refused.getStatus()).json(refused.getResponse());
      return;
    }
    const status = STATUS.find(([kind]) => error instanceof kind)?.[1] ?? HttpStatus.INTERNAL_SERVER_ERROR;
    const body: Record<string, unknown> = { statusCode: status, error: ERROR_NAMES[status] ?? 'Internal Server Error', message: error.message };
    if (error instanceof SignInThrottledError) {
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
      body.retryAfterSeconds = error.retryAfterSeconds;
    }
    res.status(status).json(body);
  }
}
