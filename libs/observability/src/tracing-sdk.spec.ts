import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { maskedUrl, PersonalDataScrubber } from './tracing-sdk';

describe('maskedUrl', () => {
  it('masks a Telegram bot token and a Bot Framework conversation id, and drops the query', () => {
    expect(maskedUrl('https://api.telegram.org/bot7000000001:AAHsecret-token/sendMessage')).toBe('https://api.telegram.org/:id/sendMessage');
    expect(maskedUrl('https://smba.trafficmanager.net/emea/v3/conversations/a:1xYzAbC/activities/1%3A42')).toBe(
      'https://smba.trafficmanager.net/emea/v3/conversations/:id/activities/:id',
    );
    expect(maskedUrl('/api/v1/chat/sessions?phone=%2B380671234567')).toBe('/api/v1/chat/sessions');
  });

  it('keeps plain paths as they are and drops credentials from the origin', () => {
    expect(maskedUrl('/webhooks/telegram')).toBe('/webhooks/telegram');
    expect(maskedUrl('http://user:pass@collector:4318/v1/traces')).toBe('http://collector:4318/v1/traces');
  });
});

describe('PersonalDataScrubber', () => {
  it('exports a span without client addresses, user agents, tokens in URLs or error messages', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new PersonalDataScrubber(), new SimpleSpanProcessor(exporter)] });
    const span = provider.getTracer('test').startSpan('POST', {
      kind: SpanKind.CLIENT,
      attributes: {
        'url.full': 'https://api.telegram.org/bot7000000001:AAHsecret-token/sendMessage?chat_id=3000001',
        'client.address': '203.0.113.7',
        'user_agent.original': 'Mozilla/5.0',
        'http.response.status_code': 400,
      },
    });
    span.recordException(new Error('chat 3000001 said +380671234567'));
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'chat 3000001 said +380671234567' });
    span.end();
    await provider.forceFlush();

    const [exported] = exporter.getFinishedSpans();
    expect(exported.attributes).toEqual({ 'url.full': 'https://api.telegram.org/:id/sendMessage', 'http.response.status_code': 400 });
    expect(exported.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(JSON.stringify({ attributes: exported.attributes, events: exported.events, status: exported.status })).not.toMatch(/3000001|380671234567|AAHsecret/);
  });
});
