import { type ConsoleBrowser, firstAdmin, invitedPerson } from '../support/people';
import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

const HEADER = 'responded_at,customer_id,channel,locale,agent,service_type,point_of_service,metric,score';
const VIEWER = { email: 'vira@example.com', displayName: 'Vira Viewer', role: 'viewer', password: 'vira-password-long' };
const MARCH = 'from=2026-03-01&to=2026-03-31';

describe(`the reports in the console (${databaseKind})`, () => {
  let t: TestApp;
  let viewer: ConsoleBrowser;
  let integrationKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    const created = await fetch(`${t.url}/api/v1/api-keys`, { method: 'POST', headers: { ...bearer(TEST_ADMIN_KEY), 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'CRM', role: 'integration' }) });
    integrationKey = ((await created.json()) as { key: string }).key;
    ({ browser: viewer } = await invitedPerson(await firstAdmin(t), VIEWER));

    const lines = [[0, 'telegram'], [6, 'telegram'], [9, 'telegram'], [9, 'viber'], [10, 'viber'], [7, 'viber']].map(
      ([score, channel], i) => `2026-03-0${1 + i}T10:00:00Z,crm-${i},${channel},en,olena,card,north,nps,${score}`,
    );
    const imported = await fetch(`${t.url}/api/v1/imports/responses`, { method: 'POST', headers: { ...bearer(TEST_ADMIN_KEY), 'Content-Type': 'text/csv' }, body: [HEADER, ...lines, '2026-03-02T10:00:00Z,crm-c,web,en,olena,card,north,csat,4'].join('\n') });
    expect(imported.status).toBe(200);
  });
  afterAll(() => t.close());

  it('leads the old dashboard address, with or without its language, to the console’s reports page', async () => {
    for (const path of ['/dashboard', '/dashboard?lang=uk', '/dashboard/']) {
      const res = await fetch(`${t.url}${path}`, { redirect: 'manual' });
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 302, '/console/reports']);
    }
    const followed = await fetch(`${t.url}/dashboard`);
    expect(followed.url).toBe(`${t.url}/console/reports`);
    // The page is served from dist/console, which `npm run build` makes (npm test builds first).
    expect([followed.status, followed.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/html/)]);
    // The old page's own files are gone: the console bundles the charts.
    expect((await fetch(`${t.url}/dashboard/assets/dashboard.js`)).status).toBe(404);
  });

  it('gives a signed-in person every report the page offers as a CSV download, on the session alone', async () => {
    const reports: [string, string][] = [
      [`summary?${MARCH}&groupBy=channel`, 'group_by,key,metric,n,value,ci95_low,ci95_high,promoters,passives,detractors,satisfied,sd'],
      [`trend?${MARCH}&metric=nps&interval=week`, 'period,interval,metric,n,value,ci95_low,ci95_high'],
      [`score-distribution?${MARCH}&metric=nps`, 'metric,score,count'],
      [`factors?${MARCH}&metric=nps`, 'kind,code,factor,n,satisfaction,importance,priority,rank,share,ci95_low,ci95_high'],
      [`incidents?${MARCH}`, 'priority,total,new,acknowledged,in_progress,resolved,rejected,closed,sla_met,sla_breached,sla_compliance,ci95_low,ci95_high,median_minutes_to_acknowledge,median_minutes_to_resolve'],
      [`problems?${MARCH}`, 'kind,key,problems,incidents'],
    ];
    const texts: string[] = [];
    for (const [path, header] of reports) {
      const name = path.split('?')[0];
      // What the page's link does: a plain GET carrying only the session cookie.
      const res = await fetch(`${t.url}/api/v1/reports/${path}&format=csv`, { headers: { Cookie: `turbota_session=${viewer.cookie}` } });
      const text = await res.text();
      expect([name, res.status, res.headers.get('content-type'), res.headers.get('content-disposition'), text.split('\r\n')[0]]).toEqual([
        name,
        200,
        'text/csv; charset=utf-8',
        `attachment; filename="${name}.csv"`,
        header,
      ]);
      texts.push(text);
    }
    // The headline NPS over the six March answers: 3 promoters and 2 detractors of 6.
    expect(texts[0].split('\r\n')[1]).toMatch(/^all,,nps,6,16\.6/);
  });

  it('answers the score distribution the charts draw, per score and under the filters', async () => {
    const get = (query: string, key = TEST_ADMIN_KEY) => fetch(`${t.url}/api/v1/reports/score-distribution?${query}`, { headers: bearer(key) });
    const body = (await viewer.call<{ metric: string; n: number; scores: { score: number; count: number }[] }>(`/api/v1/reports/score-distribution?${MARCH}`)).body;
    expect(body.metric).toBe('nps');
    expect(body.n).toBe(6);
    expect(body.scores.map((s) => s.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(body.scores.map((s) => s.count)).toEqual([1, 0, 0, 0, 0, 0, 1, 1, 0, 2, 1]);

    const viber = (await (await get(`${MARCH}&channel=viber`)).json()) as typeof body;
    expect(viber.scores.filter((s) => s.count).map((s) => s.score)).toEqual([7, 9, 10]);
    const csat = (await (await get('metric=csat')).json()) as typeof body;
    expect(csat.scores).toEqual([1, 2, 3, 4, 5].map((score) => ({ score, count: score === 4 ? 1 : 0 })));
    const csv = await get(`${MARCH}&format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n').slice(0, 2)).toEqual(['metric,score,count', 'nps,0,1']);

    const bad = await get('metric=likert');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('metric must be one of');
    expect((await get('', integrationKey)).status).toBe(403);
    expect((await fetch(`${t.url}/api/v1/reports/score-distribution`)).status).toBe(401);
  });
});
