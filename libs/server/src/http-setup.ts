import type { INestApplication } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { addSchemaComponents, ResponseSchemaCheck } from './api-schema';
import { rejectUnreadableBodies } from './body-shape';
import { ApiErrorFilter } from './api-error.filter';
import { applyHttpLimits, LongUploadAllowance } from './http-limits';
import { ApiKeyRateLimit, perAddressRateLimit } from './rate-limit';
import { securityHeaders } from './security-headers';

/** Request bodies past this size are refused with 413. */
export const BODY_LIMIT = '1mb';

export function configureHttp(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  applyHttpLimits(app.getHttpServer(), {
    requestTimeoutMs: config.http.requestTimeoutSeconds * 1000,
    uploadTimeoutMs: config.http.importTimeoutSeconds * 1000,
    headersTimeoutMs: config.http.headersTimeoutSeconds * 1000,
    keepAliveTimeoutMs: config.http.keepAliveTimeoutSeconds * 1000,
    idleTimeoutMs: config.http.idleTimeoutSeconds * 1000,
    maxConnections: config.http.maxConnections,
  });
  // Before the body parsers: a refused request costs no parsing.
  app.use(securityHeaders({ publicUrl: config.publicUrl }));
  app.use('/chat/api/sessions', onlyExactPost(perAddressRateLimit({ perMinute: config.http.chatSessionRateLimitPerMinute, what: 'new web chat sessions' })));
  app.useGlobalInterceptors(
    new ApiKeyRateLimit(config.http.apiRateLimitPerMinute),
    new LongUploadAllowance(config.http.importTimeoutSeconds * 1000),
  );
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: true });
  app.use(bodyParserErrors);
  app.use(rejectUnreadableBodies);
  if (config.http.checkResponses) app.useGlobalInterceptors(new ResponseSchemaCheck(app.get(Reflector)));
  app.useGlobalFilters(new ApiErrorFilter(app.get(HttpAdapterHost).httpAdapter));
  setUpOpenApi(app);
}

/** Runs a handler mounted on a path for a POST to exactly that path (not the paths below it). */
function onlyExactPost(handler: RequestHandler): RequestHandler {
  return (req, res, next) => (req.method === 'POST' && (req.path === '/' || req.path === '') ? handler(req, res, next) : next());
}

/** The document is built on its first request, not at every start-up (a tenth of a second). */
function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}

/** The OpenAPI document of an application's routes, with the named schemas its zod routes declared. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Turbota API')
      .setDescription(
        'Post-contact feedback, incidents and reports. Call `/api/v1/*` with `Authorization: Bearer <api key>`, or from the console with the session cookie of a signed-in person.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('turbota_session')
      .build(),
  );
  addSchemaComponents(document);
  return document;
}

/**
 * Errors of the body parsers, which run before Nest routes the request (a body that is too
 * large or not JSON), keep their 4xx status and get a message that says what is wrong.
 */
function bodyParserErrors(error: { type?: string } | null, _req: Request, res: Response, next: NextFunction): void {
  const problem = error?.type ? BODY_PARSER_ERRORS[error.type] : undefined;
  if (!problem || res.headersSent) return next(error);
  res.status(problem.status).json({ statusCode: problem.status, error: problem.error, message: problem.message });
}

const BODY_PARSER_ERRORS: Record<string, { status: number; error: string; message: string }> = {
  'entity.too.large': { status: 413, error: 'Payload Too Large', message: `Request body is larger than ${BODY_LIMIT}` },
  'entity.parse.failed': { status: 400, error: 'Bad Request', message: 'Request body is not valid JSON' },
  'encoding.unsupported': { status: 415, error: 'Unsupported Media Type', message: 'Request body encoding is not supported' },
  'charset.unsupported': { status: 415, error: 'Unsupported Media Type', message: 'Request body charset is not supported' },
  'request.aborted': { status: 400, error: 'Bad Request', message: 'The request was aborted before its body arrived' },
};
