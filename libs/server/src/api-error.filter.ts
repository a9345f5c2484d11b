import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { DomainError } from '@turbota/common';
import { httpExceptionOf } from './domain-errors-http';

/** Seconds a caller is asked to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// SQLSTATE class 08 (connection exception) and the server shutting down, starting or full.
const UNAVAILABLE_SQLSTATES = ['57P01', '57P02', '57P03', '53300'];
const UNAVAILABLE_SOCKET_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'];
// What node-postgres says when a connection dies or never comes (it sets no code then).
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed/i;

/** Whether an error (or what it wraps: TypeORM's `driverError`, a `cause`) says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.includes(code) || UNAVAILABLE_SOCKET_CODES.includes(code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

/**
 * The edge's one filter. A domain refusal becomes its HTTP status (`httpExceptionOf`). While the
 * database is away every request that needs it answers 503 with `Retry-After` rather than a
 * bare 500: platforms and integrations retry, and the message says why. Everything else goes
 * to Nest's own handling.
 */
@Catch()
export class ApiErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Database');

  override catch(error: unknown, host: ArgumentsHost): void {
    if (error instanceof DomainError) return super.catch(httpExceptionOf(error), host);
    if (error instanceof HttpException || host.getType() !== 'http' || !isDatabaseUnavailable(error)) return super.catch(error, host);
    const res = host.switchToHttp().getResponse<Response>();
    this.logger.warn(`A request found the database unavailable: ${(error as Error).message}`);
    if (res.headersSent) return;
    res
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
      .json({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: `The database is unavailable for a moment; nothing was stored. Try again in ${DATABASE_RETRY_AFTER_SECONDS} s.`,
      });
  }
}
