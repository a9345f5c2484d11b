import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Global, Inject, Injectable, LoggerService, MiddlewareConsumer, Module, NestMiddleware, NestModule } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import { pinoHttp, HttpLogger } from 'pino-http';
import { AppConfig } from '@turbota/config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ROOT_LOGGER = Symbol('ROOT_LOGGER');
/** Probes a load balancer or Prometheus repeats every few seconds: logging each would drown the rest. */
const UNLOGGED_PROBES = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/** The root pino logger of a process: JSON lines, `msg` as the message key. */
export function createRootLogger(level: string, destination: DestinationStream = process.stdout): Logger {
  return pino({ level, base: { service: 'turbota' }, messageKey: 'msg' }, destination);
}

// The logger of the request being served, so lines logged while serving it carry its id.
const requestLogger = new AsyncLocalStorage<Logger>();

/** Nest's logger interface over pino; inside a request it logs through that request's child logger. */
@Injectable()
export class AppLogger implements LoggerService {
  constructor(@Inject(ROOT_LOGGER) private readonly root: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write(FRAMEWORK_CHATTER.has(contextOf(rest) ?? '') ? 'debug' : 'info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack, context); a stack is a string with newlines.
    const stack = typeof rest[0] === 'string' && rest.length > 1 ? rest.shift() : undefined;
    this.write('error', message, rest, stack as string | undefined);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[], stack?: string): void {
    const logger = requestLogger.getStore() ?? this.root;
    const context = contextOf(rest);
    if (message instanceof Error) logger[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) logger[level]({ context, ...message });
    else logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}

/**
 * Nest's own start-up lines: one per module and one per route (over a hundred), which buried
 * the few lines a person needs (where to open what); they are for debugging.
 */
const FRAMEWORK_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

// Nest passes the logging context as the last argument.
function contextOf(rest: unknown[]): string | undefined {
  const last = rest.at(-1);
  return typeof last === 'string' ? last : undefined;
}

/**
 * Logs every request once it is answered, by method, path and status only: no headers
 * (secrets, signatures), no query strings and no bodies (customers' contacts).
 */
@Injectable()
class RequestLoggingMiddleware implements NestMiddleware {
  private readonly http: HttpLogger;

  constructor(@Inject(ROOT_LOGGER) root: Logger) {
    this.http = pinoHttp({
      logger: root,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      serializers: {
        req: (req: SerializedRequest) => ({ id: req.id, method: req.method, path: pathOf(req) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // Express's originalUrl: a middleware sees `url` without the path it is mounted on.
      autoLogging: { ignore: (req) => UNLOGGED_PROBES.has(((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0]) },
    });
  }

  use(req: IncomingMessage & { log: Logger }, res: ServerResponse, next: () => void): void {
    this.http(req, res); // sets req.log, a child logger bound to the request id
    requestLogger.run(req.log, next);
  }
}

interface SerializedRequest {
  id: string;
  method: string;
  url: string;
}

// Secrets that travel in paths (web chat session tokens `wc_…`) are cut to their prefix.
const SECRET_SEGMENT = /\/(wc|tb)_[A-Za-z0-9_-]+/g;
// One-time links' tokens (an invitation, a password reset, the first admin's setup), in the API and the console, are cut whole.
const LINK_TOKEN = /\/(invitations|invite|password-reset|reset|setup)\/[^/]+/g;

/** The path without its query string (contacts may travel there) and without secrets. */
function pathOf(req: SerializedRequest): string {
  return req.url.split('?')[0].replace(SECRET_SEGMENT, '/$1_…').replace(LINK_TOKEN, '/$1/…');
}

/** Structured JSON logs for one application, with a request id on every line logged during a request. */
@Global()
@Module({})
export class LoggingModule implements NestModule {
  static forRoot(config: Pick<AppConfig, 'logLevel'>, destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: ROOT_LOGGER, useValue: createRootLogger(config.logLevel, destination) }, AppLogger],
      exports: [AppLogger],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggingMiddleware).forRoutes('*path');
  }
}
