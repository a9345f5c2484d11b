import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { currentTraceparent, inSpan, outsideAnyTrace, startTracing } from './tracing';

describe('startTracing', () => {
  it('starts nothing without OTEL_EXPORTER_OTLP_ENDPOINT, or with one that is not an http(s) URL', () => {
    expect(startTracing('turbota', {})).toBe(false);
    expect(startTracing('turbota', { OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBe(false);
    expect(startTracing('turbota', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toBe(false);
  });
});

describe('spans and their relations', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => provider.register());
  afterEach(() => exporter.reset());
  afterAll(() => provider.shutdown());

  const finished = (name: string) => exporter.getFinishedSpans().find((s) => s.name === name)!;

  it('nests a span in the active one, and a stored traceparent continues the trace that stored it', async () => {
    let stored: string | null = null;
    await inSpan('webhook', {}, () =>
      inSpan('enqueue', {}, () => {
        stored = currentTraceparent();
        return Promise.resolve();
      }),
    );
    await inSpan('apply', { parent: stored }, () => Promise.resolve());

    const [webhook, enqueue, apply] = ['webhook', 'enqueue', 'apply'].map(finished);
    expect(enqueue.parentSpanContext?.spanId).toBe(webhook.spanContext().spanId);
    expect(stored).toBe(`00-${enqueue.spanContext().traceId}-${enqueue.spanContext().spanId}-01`);
    expect(apply.spanContext().traceId).toBe(webhook.spanContext().traceId);
    expect(apply.parentSpanContext?.spanId).toBe(enqueue.spanContext().spanId);
  });

  it('starts a new trace for queued work stored without one, and outside any trace for a background round', async () => {
    let inRound: string | null = 'unset';
    await inSpan('request', {}, async () => {
      await inSpan('queued', { parent: null }, () => Promise.resolve());
      outsideAnyTrace(() => (inRound = currentTraceparent()));
    });
    expect(finished('queued').parentSpanContext).toBeUndefined();
    expect(finished('queued').spanContext().traceId).not.toBe(finished('request').spanContext().traceId);
    expect(inRound).toBeNull();
  });

  it('marks a failed span with the error class only, and rethrows', async () => {
    await expect(inSpan('step', {}, () => Promise.reject(new TypeError('the customer wrote +380671234567')))).rejects.toThrow(TypeError);
    const step = finished('step');
    expect(step.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(step.attributes).toEqual({ 'error.type': 'TypeError' });
  });
});
