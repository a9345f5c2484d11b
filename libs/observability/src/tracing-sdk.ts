import type { IncomingMessage } from 'node:http';
import type { Context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type ReadableSpan, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TracingHandle } from './tracing';

/** Probes repeated every few seconds: a span each would bury the traces that matter. */
const UNTRACED_PATHS = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/** Attributes the instrumentations record that identify a customer or a person (their address, their browser). */
const DROPPED_ATTRIBUTES = [
  'client.address',
  'http.client_ip',
  'net.peer.ip',
  'net.sock.peer.addr',
  'network.peer.address',
  'user_agent.original',
  'http.user_agent',
  'url.query',
  'db.connection_string',
];
/** Attributes holding a URL or a path: kept without their query and with identifiers (tokens, chat ids) masked. */
const URL_ATTRIBUTES = ['url.full', 'http.url', 'url.path', 'http.target'];
/** A path segment kept as it is: a word (`sendMessage`, `webhooks`, `v3`); anything else may be a token or an id. */
const PLAIN_SEGMENT = /^[A-Za-z][A-Za-z_.-]{0,39}\d?$/;

/**
 * The SDK behind `startTracing`: a provider exporting in batches over OTLP/HTTP (the endpoint
 * and headers from the standard OTEL_EXPORTER_OTLP_* variables), and the `http` and `pg`
 * instrumentations. Database spans are recorded only inside a traced operation, so the
 * queues' polling does not export a trace every few milliseconds.
 */
export function startTracingSdk(options: { serviceName: string }): TracingHandle {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: [new PersonalDataScrubber(), new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED_PATHS.has((req.url ?? '').split('?')[0]),
        // An outgoing call is traced only as part of something traced (a send), not on its own.
        requireParentforOutgoingSpans: true,
      }),
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  return {
    shutdown: async () => {
      unregister();
      await provider.shutdown();
    },
  };
}

/**
 * Removes what must not leave the process before a span is exported: client addresses and
 * user agents, query strings, identifiers in URL paths (a Telegram bot token, a conversation id),
 * and error messages, also at the top of a stack trace (they may quote a customer's input).
 */
export class PersonalDataScrubber implements SpanProcessor {
  onStart(_span: Span, _parent: Context): void {}

  onEnding(span: Span): void {
    const attributes = span.attributes as Record<string, unknown>;
    for (const key of DROPPED_ATTRIBUTES) delete attributes[key];
    for (const key of URL_ATTRIBUTES) {
      const value = attributes[key];
      if (typeof value === 'string') attributes[key] = maskedUrl(value);
    }
    if (span.status.message) span.setStatus({ code: span.status.code });
    for (const event of span.events) {
      const eventAttributes = (event.attributes ?? {}) as Record<string, unknown>;
      delete eventAttributes['exception.message'];
      // A stack's first line repeats the message: only the frames are kept.
      const stack = eventAttributes['exception.stacktrace'];
      if (typeof stack === 'string') eventAttributes['exception.stacktrace'] = stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** A URL or path without its query, each segment that is not a plain word replaced by `:id`. */
export function maskedUrl(value: string): string {
  const withoutQuery = value.split(/[?#]/)[0];
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(withoutQuery)?.[0] ?? '';
  const path = withoutQuery.slice(origin.length);
  const masked = path
    .split('/')
    .map((segment) => (segment === '' || PLAIN_SEGMENT.test(segment) ? segment : ':id'))
    .join('/');
  // Credentials in an origin (user:password@host) never leave either.
  return origin.replace(/\/\/[^/@]*@/, '//') + masked;
}
