import { context, propagation, ROOT_CONTEXT, type Span, type SpanAttributes, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * Optional OpenTelemetry tracing. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: then the SDK
 * is loaded (lazily, so an installation without tracing never loads it) and spans go to that
 * collector over OTLP/HTTP. Only `@opentelemetry/api` is loaded here, whose calls do nothing
 * while no SDK is registered.
 *
 * Span attributes never carry personal data: no message text, phone, e-mail, address or
 * token. The SDK's span processor also strips what the instrumentations would record of it
 * (client addresses, query strings, tokens in URLs).
 */

/** What the SDK module answers: how to flush and stop it. */
export interface TracingHandle {
  shutdown(): Promise<void>;
}

let handle: TracingHandle | null = null;

/**
 * Starts tracing if the environment asks for it; call before anything requires `http` or `pg`
 * (each app's `tracing.ts`, imported first by its `main.ts`), so the instrumentations patch them.
 * `defaultServiceName` names the process when OTEL_SERVICE_NAME is unset.
 */
export function startTracing(defaultServiceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  // An endpoint that is not an http(s) URL is reported, with its variable named, by the config a moment later.
  if (handle || !endpoint || !isHttpUrl(endpoint)) return false;
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || defaultServiceName;
  // Required only here: without the variable the SDK and its instrumentations are never loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('./tracing-sdk') as typeof import('./tracing-sdk');
  handle = sdk.startTracingSdk({ serviceName });
  return true;
}

function isHttpUrl(text: string): boolean {
  return URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol);
}

/** Exports the spans still buffered and stops the SDK; nothing when tracing is off. */
export async function shutdownTracing(): Promise<void> {
  const current = handle;
  handle = null;
  await current?.shutdown().catch(() => undefined);
}

/** The W3C `traceparent` of the active span, to store with work another process or moment picks up; null when tracing is off. */
export function currentTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** How a span starts: what it records (never personal data), and the stored `traceparent` it continues. */
export interface SpanOptions {
  attributes?: SpanAttributes;
  /**
   * For work picked up from a queue: the `traceparent` stored with it, which the span continues,
   * or null for none (a new trace). Absent: the span is a child of the active one.
   */
  parent?: string | null;
  kind?: SpanKind;
}

export { SpanKind };

/**
 * Runs `work` outside any span: for a background loop woken from inside a request, whose rounds
 * would otherwise join that request's trace (the context follows timers and promises).
 */
export function outsideAnyTrace<T>(work: () => T): T {
  return context.with(ROOT_CONTEXT, work);
}

const tracer = () => trace.getTracer('turbota');

/**
 * Runs `work` inside a span named `name`, ended when it settles; a failure marks the span as
 * an error with the error's class only (messages may quote what a customer wrote).
 */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const parent =
    options.parent === undefined ? context.active() : options.parent ? propagation.extract(ROOT_CONTEXT, { traceparent: options.parent }) : ROOT_CONTEXT;
  return tracer().startActiveSpan(name, { attributes: options.attributes, kind: options.kind ?? SpanKind.INTERNAL }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute('error.type', error instanceof Error ? error.constructor.name : typeof error);
      throw error;
    } finally {
      span.end();
    }
  });
}
