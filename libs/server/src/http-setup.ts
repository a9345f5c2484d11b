import {
  BadRequestException,
  INestApplication,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';

/** Request bodies past this size are refused with 413. */
export const BODY_LIMIT = '1mb';

export function configureHttp(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: true });
  app.useGlobalPipes(validationPipe());
  setUpOpenApi(app);
}

/**
 * Validates DTOs; unknown fields are refused (no mass assignment) and every error says
 * which field is wrong: `{ message: "role must be one of ...", errors: [{ field, problems }] }`.
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: fields.flatMap((f) => f.problems).join('; '),
        errors: fields,
      });
    },
  });
}

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, problems: Object.values(error.constraints).map((p) => p.replace(error.property, field)) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Turbota API')
      .setDescription(
        'Post-contact feedback, incidents and reports. Call `/api/v1/*` with `Authorization: Bearer <api key>`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}

/**
 * Errors thrown by Express middleware before Nest routes the request (a body that is too
 * large or not JSON) answer as JSON with their own 4xx status, never as an HTML 500.
 */
export function bodyErrorHandler(err: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent || !err.status || err.status < 400 || err.status >= 500) return next(err);
  const message =
    err.type === 'entity.too.large'
      ? `Request body is larger than ${BODY_LIMIT}`
      : err.type === 'entity.parse.failed'
        ? 'Request body is not valid JSON'
        : err.message;
  res.status(err.status).json({ statusCode: err.status, error: err.type ?? 'Bad Request', message });
}
