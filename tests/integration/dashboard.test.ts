import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

const HEADER = 'responded_at,customer_id,channel,locale,agent,service_type,point_of_service,metric,score';

interface Boot {
  locale: string;
  headerAuth: boolean;
  headerRejected: boolean;
  strings: Record<string, Record<string, string>>;
}

/** The JSON the page boots from, read back out of its config block. */
function bootConfig(html: string): Boot {
  const match = /<script type="application\/json" id="turbota-dashboard-config">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('the page has no config block');
  return JSON.parse(match[1]) as Boot;
}

describe(`the dashboard page (${databaseKind})`, () => {
  let t: TestApp;
  let viewerKey: string;
  let integrationKey: string;

  const createKey = async (role: string): Promise<string> => {
    const res = await fetch(`${t.url}/api/v1/api-keys`, { method: 'POST', headers: { ...bearer(TEST_ADMIN_KEY), 'Content-Type': 'application/json' }, body: JSON.stringify({ name: `dashboard ${role}`, role }) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { key: string }).key;
  };

  beforeAll(async () => {
    t = await startTestApp();
    viewerKey = await createKey('viewer');
    integrationKey = await createKey('integration');
  });
  afterAll(() => t.close());

  it('serves the page without a key, under a strict CSP with no inline script', async () => {
    const res = await fetch(`${t.url}/dashboard?lang=ru`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');

    const html = await res.text();
    expect(html).toContain('<html lang="ru">');
    const config = bootConfig(html);
    expect(config).toMatchObject({ locale: 'ru', headerAuth: false, headerRejected: false });
    expect(Object.keys(config.strings).sort()).toEqual(['en', 'ru', 'uk']);
    // Every <script> is either the JSON data block or a file of ours: nothing inline runs.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    for (const attributes of scripts) expect(attributes).toMatch(/type="application\/json"|src="\/dashboard\/assets\/[\w.-]+\.js"/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('picks the language from the browser when none is asked for', async () => {
    const res = await fetch(`${t.url}/dashboard`, { headers: { 'Accept-Language': 'uk-UA,uk;q=0.9,en;q=0.5' } });
    expect(bootConfig(await res.text()).locale).toBe('uk');
  });

  it('serves its scripts, styles and the bundled chart library with the CSP and cache headers', async () => {
    const html = await (await fetch(`${t.url}/dashboard`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/dashboard\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(expect.arrayContaining(['/dashboard/assets/dashboard.css', '/dashboard/assets/dashboard.js', '/dashboard/assets/charts.js', '/dashboard/assets/panels.js', '/dashboard/assets/icon.svg']));
    const library = assets.find((a) => /chart-\d+\.\d+\.\d+\.umd\.min\.js$/.test(a));
    expect(library).toBeDefined();
    for (const path of assets) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-type')).toMatch(path.endsWith('.css') ? /^text\/css/ : path.endsWith('.svg') ? /^image\/svg\+xml/ : /^text\/javascript/);
    }
    const chartJs = await fetch(`${t.url}${library}`);
    expect(chartJs.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await chartJs.text()).toContain('Chart.js v');
    expect((await fetch(`${t.url}/dashboard/assets/dashboard.js`)).headers.get('cache-control')).toBe('public, max-age=300');
    expect((await fetch(`${t.url}/dashboard/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${t.url}/dashboard/assets/strings.json`)).status).toBe(404);
  });

  it('tells the page whether the Authorization header a tool sent may read reports', async () => {
    const page = async (key: string) => bootConfig(await (await fetch(`${t.url}/dashboard`, { headers: bearer(key) })).text());
    await expect(page(viewerKey)).resolves.toMatchObject({ headerAuth: true, headerRejected: false });
    await expect(page('not-a-real-key-0123456789')).resolves.toMatchObject({ headerAuth: false, headerRejected: true });
    await expect(page(integrationKey)).resolves.toMatchObject({ headerAuth: false, headerRejected: true });
    // The key itself never lands in the page.
    expect(await (await fetch(`${t.url}/dashboard`, { headers: bearer(viewerKey) })).text()).not.toContain(viewerKey);
  });

  it('answers the score distribution the charts draw, per score and under the filters', async () => {
    const lines = [[0, 'telegram'], [6, 'telegram'], [9, 'telegram'], [9, 'viber'], [10, 'viber'], [7, 'viber']].map(
      ([score, channel], i) => `2026-03-0${1 + i}T10:00:00Z,crm-${i},${channel},en,olena,card,north,nps,${score}`,
    );
    const imported = await fetch(`${t.url}/api/v1/imports/responses`, { method: 'POST', headers: { ...bearer(TEST_ADMIN_KEY), 'Content-Type': 'text/csv' }, body: [HEADER, ...lines, '2026-03-02T10:00:00Z,crm-c,web,en,olena,card,north,csat,4'].join('\n') });
    expect(imported.status).toBe(200);

    const get = (query: string, key = viewerKey) => fetch(`${t.url}/api/v1/reports/score-distribution?${query}`, { headers: bearer(key) });
    const all = await get('from=2026-03-01&to=2026-03-31');
    expect(all.status).toBe(200);
    const body = (await all.json()) as { metric: string; n: number; scores: { score: number; count: number }[] };
    expect(body.metric).toBe('nps');
    expect(body.n).toBe(6);
    expect(body.scores.map((s) => s.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(body.scores.map((s) => s.count)).toEqual([1, 0, 0, 0, 0, 0, 1, 1, 0, 2, 1]);

    const viber = (await (await get('from=2026-03-01&to=2026-03-31&channel=viber')).json()) as typeof body;
    expect(viber.scores.filter((s) => s.count).map((s) => s.score)).toEqual([7, 9, 10]);
    const csat = (await (await get('metric=csat')).json()) as typeof body;
    expect(csat.scores).toEqual([1, 2, 3, 4, 5].map((score) => ({ score, count: score === 4 ? 1 : 0 })));
    const csv = await get('from=2026-03-01&to=2026-03-31&format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n').slice(0, 2)).toEqual(['metric,score,count', 'nps,0,1']);

    const bad = await get('metric=likert');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('metric must be one of');
    expect((await get('', integrationKey)).status).toBe(403);
    expect((await fetch(`${t.url}/api/v1/reports/score-distribution`)).status).toBe(401);
  });
});
