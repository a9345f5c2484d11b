import { BadGatewayException, BadRequestException, ConflictException, HttpException, HttpStatus, NotFoundException, PreconditionFailedException, UnprocessableEntityException } from '@nestjs/common';
import { type DomainError, InvalidInputError } from '@turbota/common';
import { validationError } from './zod-validation';

/** The one place a domain refusal becomes an HTTP answer, in the API's error shape. */
export function httpExceptionOf(error: DomainError): HttpException {
  switch (error.kind) {
    case 'invalid':
      return error instanceof InvalidInputError && error.errors.length ? validationError(error.errors) : new BadRequestException(error.message);
    case 'not_found':
      return new NotFoundException(error.message);
    case 'conflict':
      return new ConflictException(error.message);
    case 'stale':
      return new PreconditionFailedException(error.message);
    case 'unprocessable':
      return new UnprocessableEntityException(error.message);
    case 'too_large':
      // The shape the body parsers' own 413 has: the status and the message.
      return new HttpException(error.message, HttpStatus.PAYLOAD_TOO_LARGE);
    case 'upstream':
      return new BadGatewayException(error.message);
  }
}
