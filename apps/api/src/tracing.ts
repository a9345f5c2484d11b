// Imported first by main.ts: with OTEL_EXPORTER_OTLP_ENDPOINT set, the instrumentations must
// patch `http` and `pg` before anything requires them, so not through the library's index.
import { startTracing } from '../../../libs/observability/src/tracing';

startTracing('turbota-api');
