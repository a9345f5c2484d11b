export * from './health.service';
export * from './logging.module';
export * from './metrics.service';
export * from './observability.module';
export { currentTraceparent, inSpan, outsideAnyTrace, shutdownTracing, SpanKind, type SpanOptions } from './tracing';
