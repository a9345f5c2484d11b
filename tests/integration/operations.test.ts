import { HealthService, MetricsService } from '@turbota/observability';
import { DatabaseHandle } from '@turbota/persistence';
import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait-for';

describe(`health when the database goes away (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase();
    const proxied = await TcpProxy.inFrontOf(database.url);
    proxy = proxied.proxy;
    t = await startTestApp({ database: { ...database, url: proxied.url } });
  });
  afterAll(async () => {
    await t.close({ closeDatabase: false });
    await proxy.stop();
    await database.close();
  });

  it('is 200 while the database answers, 503 while it is gone, and recovers by itself', async () => {
    const up = await fetch(`${t.url}/health`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: 'ok', database: { status: 'up' } });

    await proxy.cut();
    const down = await fetch(`${t.url}/health`);
    expect(down.status).toBe(503);
    const report = (await down.json()) as { status: string; database: { status: string; error: string } };
    expect(report).toMatchObject({ status: 'error', database: { status: 'down' } });
    expect(report.database.error).not.toBe('');
    // What needs the database says so: 503 with Retry-After, never a bare 500.
    for (const res of [await fetch(`${t.url}/api/v1/responses`, { headers: bearer(TEST_ADMIN_KEY) }), await fetch(`${t.url}/chat/api/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ locale: 'en' }) })]) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(((await res.json()) as { message: string }).message).toMatch(/database is unavailable.*nothing was stored/);
    }

    await proxy.restore();
    const back = await fetch(`${t.url}/health`);
    expect(back.status).toBe(200);
  });

  it('keeps /health/live at 200 while /health/ready turns 503 with the database gone, and back', async () => {
    expect((await fetch(`${t.url}/health/ready`)).status).toBe(200);

    await proxy.cut();
    try {
      const live = await fetch(`${t.url}/health/live`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${t.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'error', database: { status: 'down' } });
    } finally {
      await proxy.restore();
    }

    expect((await fetch(`${t.url}/health/ready`)).status).toBe(200);
  });
});

describe(`readiness while draining (${databaseKind})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { SHUTDOWN_DELAY_SECONDS: '2' } });
  });
  afterAll(() => t.close());

  it('answers /health/ready 503 from the start of a shutdown and keeps serving for SHUTDOWN_DELAY_SECONDS, /health/live and /health at 200', async () => {
    const before = await fetch(`${t.url}/health/ready`);
    expect(before.status).toBe(200);
    expect(before.headers.get('cache-control')).toBe('no-store');
    expect(await before.json()).toMatchObject({ status: 'ok', database: { status: 'up' } });

    // What runServer awaits first on SIGTERM, before it closes the server.
    let drained = false;
    const draining = t.app.get(HealthService).drain().then(() => (drained = true));

    const ready = await fetch(`${t.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });
    expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${t.url}/health`)).status).toBe(200); // the contract of /health is unchanged
    expect(drained).toBe(false); // the load balancer's time to notice: the server still serves
    await draining;
    expect((await fetch(`${t.url}/health/ready`)).status).toBe(503);
  });

  it('documents both probes and does not log them', async () => {
    const doc = (await (await fetch(`${t.url}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));

    await fetch(`${t.url}/health/live`, { headers: { 'x-request-id': 'probe-live' } });
    await fetch(`${t.url}/api/v1/nothing-here`, { headers: { 'x-request-id': 'after-probe' } });
    await waitFor(() => t.logs.entries().find((e) => (e.req as { id?: string } | undefined)?.id === 'after-probe'));
    expect(t.logs.entries().filter((e) => (e.req as { id?: string } | undefined)?.id === 'probe-live')).toEqual([]);
  });
});

describe(`operations endpoints (${databaseKind})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves Swagger UI from the app itself and the OpenAPI document with bearer auth', async () => {
    const ui = await fetch(`${t.url}/docs`);
    expect(ui.status).toBe(200);
    const html = await ui.text();
    expect(html).toContain('swagger-ui');
    expect(html).not.toMatch(/src="https?:\/\//); // no CDN: the page must work offline

    const doc = (await (await fetch(`${t.url}/docs-json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { securitySchemes: Record<string, { scheme: string }> };
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/metrics', '/api/v1/api-keys', '/api/v1/api-keys/{id}']));
    expect(doc.paths['/api/v1/api-keys'].post.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(doc.components.securitySchemes.bearer.scheme).toBe('bearer');
    expect(doc.components.securitySchemes.cookie).toEqual({ type: 'apiKey', in: 'cookie', name: 'turbota_session' });
  });

  it('exposes Prometheus metrics: request counts and latencies by route, process metrics, domain counters', async () => {
    await fetch(`${t.url}/api/v1/api-keys`, { headers: bearer(TEST_ADMIN_KEY) });
    await fetch(`${t.url}/api/v1/api-keys`);
    const answers = t.app.get(MetricsService).counter({
      name: 'turbota_test_answers_total',
      help: 'A domain counter registered the way domain code does',
    });
    answers.inc(2);

    const res = await fetch(`${t.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/api-keys",status="200"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/api-keys",status="401"} 1');
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/api-keys"\}/);
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('turbota_test_answers_total 2');
  });

  it('gives every request an id, echoes a sane one it was given, and logs it', async () => {
    const generated = await fetch(`${t.url}/health`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const given = await fetch(`${t.url}/api/v1/api-keys`, { headers: { 'x-request-id': 'crm-42' } });
    expect(given.headers.get('x-request-id')).toBe('crm-42');
    const logged = await waitFor(() => t.logs.entries().find((e) => (e.req as { id?: string } | undefined)?.id === 'crm-42'));
    expect(logged).toMatchObject({ req: { method: 'GET', path: '/api/v1/api-keys' }, res: { statusCode: 401 } });

    const hostile = await fetch(`${t.url}/health`, { headers: { 'x-request-id': 'a b\u00e9'.repeat(100) } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers bodies that are too large with 413 and broken JSON with 400, as JSON', async () => {
    const huge = await fetch(`${t.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { ...bearer(TEST_ADMIN_KEY), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), role: 'viewer' }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ statusCode: 413, message: 'Request body is larger than 1mb' });

    const broken = await fetch(`${t.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { ...bearer(TEST_ADMIN_KEY), 'Content-Type': 'application/json' },
      body: '{"name": "x", ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ statusCode: 400, message: 'Request body is not valid JSON' });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await fetch(`${t.url}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ statusCode: 404 });
  });
});

describe(`metrics behind METRICS_TOKEN (${databaseKind})`, () => {
  const TOKEN = 'metrics-scrape-token-0123456789';
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the scrape that carries the token and refuses any other with 401, saying what is missing', async () => {
    const scrape = await fetch(`${t.url}/metrics`, { headers: bearer(TOKEN) });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('process_cpu_seconds_total');

    for (const headers of [{}, bearer(`${TOKEN}x`), bearer(TEST_ADMIN_KEY), { Authorization: TOKEN }]) {
      const refused = await fetch(`${t.url}/metrics`, { headers });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      const body = (await refused.json()) as { message: string };
      expect(body.message).toBe('GET /metrics needs the header Authorization: Bearer <METRICS_TOKEN>');
      expect(JSON.stringify(body)).not.toContain(TOKEN);
    }
    // Only the metrics: the health probe stays open.
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });
});
