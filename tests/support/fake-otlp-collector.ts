import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpServer } from './fake-http-server';

/** One span as an OpenTelemetry collector received it, attributes flattened to plain values. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP's numbers: 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
  /** The whole span as it came, to search for what must never be in it. */
  raw: unknown;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: OtlpAttribute[];
  links?: { traceId: string; spanId: string }[];
}
interface OtlpExport {
  resourceSpans: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

/**
 * A local OTLP/HTTP trace receiver (`POST /v1/traces`) taking the JSON encoding, which the
 * OTLP/HTTP trace exporter Turbota uses sends, keeping every span for a test to look at.
 */
export class FakeOtlpCollector extends FakeHttpServer {
  readonly spans: ReceivedSpan[] = [];
  /** Every request body as it came, to search for what must never leave the process. */
  readonly bodies: string[] = [];

  static async start(): Promise<FakeOtlpCollector> {
    const collector = new FakeOtlpCollector();
    await collector.listen('');
    return collector;
  }

  /** The spans of a name. */
  named(name: string): ReceivedSpan[] {
    return this.spans.filter((s) => s.name === name);
  }

  /** The span a span is the child of, if the collector has it. */
  parentOf(span: ReceivedSpan): ReceivedSpan | undefined {
    return this.spans.find((s) => s.traceId === span.traceId && s.spanId === span.parentSpanId);
  }

  /** The spans whose parent is this span. */
  childrenOf(span: ReceivedSpan): ReceivedSpan[] {
    return this.spans.filter((s) => s.traceId === span.traceId && s.parentSpanId === span.spanId);
  }

  protected handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    if (req.method !== 'POST' || req.url !== '/v1/traces' || !/json/.test(req.headers['content-type'] ?? '')) {
      res.writeHead(415).end();
      return;
    }
    this.bodies.push(body);
    const payload = JSON.parse(body) as OtlpExport;
    for (const resourceSpans of payload.resourceSpans) {
      const name = valuesOf(resourceSpans.resource?.attributes)['service.name'];
      const service = typeof name === 'string' ? name : '';
      for (const scope of resourceSpans.scopeSpans) {
        for (const span of scope.spans) {
          this.spans.push({
            service,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId ?? '',
            name: span.name,
            kind: span.kind,
            attributes: valuesOf(span.attributes),
            links: span.links ?? [],
            raw: span,
          });
        }
      }
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  }
}

function valuesOf(attributes: OtlpAttribute[] = []): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { key, value } of attributes) {
    values[key] = value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : (value.boolValue ?? value.doubleValue));
  }
  return values;
}
