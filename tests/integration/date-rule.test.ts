import { parse } from 'csv-parse/sync';
import { Api, incidentReport, type IncidentJson } from '../support/incidents-api';
import { ManualClock } from '../support/manual-clock';
import { registerPoints } from '../support/points';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

const HEADER = 'responded_at,customer_id,channel,locale,agent,service_type,point_of_service,metric,score';

/** NPS answers on the edges of 30 November (UTC): one on the 29th, three on the 30th, two on 1 December. */
const ANSWERED = [
  '2026-11-29T12:00:00Z',
  '2026-11-29T23:59:59Z',
  '2026-11-30T00:00:00Z',
  '2026-11-30T11:00:00Z',
  '2026-11-30T23:59:59Z',
  '2026-12-01T00:00:00Z',
  '2026-12-01T09:00:00Z',
];
const ON_THE_30TH = ANSWERED.filter((at) => at.startsWith('2026-11-30'));

/** Moments incidents are reported at: one on the 29th, three on the 30th (one point, three customers), one on 1 December. */
const REPORTED: { at: string; point: string; reason: string }[] = [
  { at: '2026-11-29T23:58:00Z', point: 'edge-29', reason: 'waiting' },
  { at: '2026-11-30T00:00:30Z', point: 'date-point', reason: 'queue' },
  { at: '2026-11-30T12:00:00Z', point: 'date-point', reason: 'queue' },
  { at: '2026-11-30T23:58:00Z', point: 'date-point', reason: 'queue' },
  { at: '2026-12-01T00:00:30Z', point: 'edge-01', reason: 'impolite' },
];

interface ResponseJson {
  answeredAt: string;
}
interface Problem {
  message: string;
}

// Every endpoint that takes from/to reads them by one rule: whole UTC days, both ends included.
describe(`from and to mean the same on every endpoint (${databaseKind})`, () => {
  const clock = new ManualClock('2026-12-02T09:00:00.000Z');
  let t: TestApp;
  let api: Api;
  const incidents: IncidentJson[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock });
    api = new Api(t.url);
    await registerPoints(t.url, 'date-point', 'edge-29', 'edge-01');
    // Imports refuse answers from the future: the import runs after the last of them.
    clock.set('2026-12-02T09:00:00Z');
    const lines = ANSWERED.map((at, i) => `${at},crm-date-${i},telegram,en,,,date-point,nps,${i % 2 ? 9 : 3}`);
    const imported = await fetch(`${t.url}/api/v1/imports/responses`, { method: 'POST', headers: { Authorization: `Bearer ${api.apiKey}`, 'Content-Type': 'text/csv' }, body: [HEADER, ...lines].join('\n') });
    expect(imported.status).toBe(200);
    expect(((await imported.json()) as { accepted: number }).accepted).toBe(ANSWERED.length);
    const integration = api.as(await api.key('integration'));
    for (const [i, { at, point, reason }] of REPORTED.entries()) {
      clock.set(at);
      incidents.push(await integration.json<IncidentJson>('/api/v1/incidents', { body: incidentReport({ score: 2, reasonCode: reason, pointOfService: point, phone: `+380 67 765 44 ${10 + i}` }) }));
    }
  });
  afterAll(() => t.close());

  const responses = async (query: string) => (await api.json<{ items: ResponseJson[] }>(`/api/v1/responses?limit=500&${query}`)).items.map((r) => r.answeredAt).sort();
  const exported = async (query: string) => {
    const res = await api.call(`/api/v1/responses/export?${query}`);
    expect(res.status).toBe(200);
    return parse<{ answered_at: string }>(await res.text(), { columns: true }).map((r) => r.answered_at);
  };
  const incidentList = async (query: string) => (await api.json<{ items: { id: string }[] }>(`/api/v1/incidents?${query}`)).items.map((i) => i.id).sort();
  const summaryN = async (query: string) => (await api.json<{ nps: { n: number } }>(`/api/v1/reports/summary?${query}`)).nps.n;
  const isoOf = (at: string) => new Date(at).toISOString();

  it('counts the whole of 30 November, and nothing else, wherever from=to=2026-11-30', async () => {
    const day = 'from=2026-11-30&to=2026-11-30';
    expect(await responses(day)).toEqual(ON_THE_30TH.map(isoOf));
    expect(await exported(day)).toHaveLength(ON_THE_30TH.length);
    expect(await summaryN(day)).toBe(ON_THE_30TH.length);
    const trend = await api.json<{ points: { period: string; n: number }[] }>(`/api/v1/reports/trend?${day}&interval=day`);
    expect(trend.points).toEqual([expect.objectContaining({ period: '2026-11-30', n: ON_THE_30TH.length })]);
    const onThe30th = incidents.filter((_, i) => REPORTED[i].at.startsWith('2026-11-30')).map((i) => i.id).sort();
    expect(await incidentList(day)).toEqual(onThe30th);
    expect(await api.json(`/api/v1/reports/incidents?${day}`)).toMatchObject({ total: onThe30th.length });
    expect(await api.json(`/api/v1/reports/problems?${day}`)).toMatchObject({ total: 1 });
    expect((await api.call(`/api/v1/reports/factors?${day}`)).status).toBe(200);
  });

  it('agrees on the counts over the days either side', async () => {
    for (const [from, to] of [
      ['2026-11-29', '2026-11-29'],
      ['2026-11-29', '2026-11-30'],
      ['2026-11-30', '2026-12-01'],
      ['2026-12-01', '2026-12-01'],
    ]) {
      const range = `from=${from}&to=${to}`;
      const expected = ANSWERED.filter((at) => at.slice(0, 10) >= from && at.slice(0, 10) <= to).length;
      expect({ range, responses: (await responses(range)).length, exported: (await exported(range)).length, summary: await summaryN(range) }).toEqual({
        range,
        responses: expected,
        exported: expected,
        summary: expected,
      });
      const reported = REPORTED.filter(({ at }) => at.slice(0, 10) >= from && at.slice(0, 10) <= to).length;
      expect({ range, incidents: (await incidentList(range)).length }).toEqual({ range, incidents: reported });
      expect(await api.json(`/api/v1/reports/incidents?${range}`)).toMatchObject({ total: reported });
    }
  });

  it('takes an exact moment with its offset on the lists, from included and to excluded', async () => {
    expect(await responses('from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z')).toEqual(ON_THE_30TH.map(isoOf));
    expect(await responses('from=2026-11-30T13:00:00%2B02:00&to=2026-11-30T23:59:59Z')).toEqual([isoOf('2026-11-30T11:00:00Z')]);
    expect(await exported('from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z')).toHaveLength(ON_THE_30TH.length);
    expect(await incidentList('from=2026-11-30T00:00:00Z&to=2026-11-30T12:00:00Z')).toEqual([incidents[1].id]);
  });

  it('refuses what the rule does not take, with a 400 that states it', async () => {
    const refused = async (path: string, message: RegExp) => {
      const res = await api.call(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(((await res.json()) as Problem).message).toMatch(message);
    };
    const dayRule = /must be a calendar day, YYYY-MM-DD \(a whole day in UTC; to includes its day\)/;
    await refused('/api/v1/reports/summary?from=2026-11-30T00:00:00Z', dayRule);
    await refused('/api/v1/reports/incidents?to=2026-11-31', dayRule);
    for (const list of ['/api/v1/responses', '/api/v1/responses/export', '/api/v1/incidents']) {
      await refused(`${list}?from=yesterday`, /from must be a calendar day, YYYY-MM-DD .*, or an ISO 8601 date-time with a time zone/);
      // Without its offset a moment means different things on different machines.
      await refused(`${list}?to=2026-11-30T10:00:00`, /to must be a calendar day/);
      await refused(`${list}?from=2026-12-01&to=2026-11-30`, /from must not be after to/);
    }
    await refused('/api/v1/reports/summary?from=2026-12-01&to=2026-11-30', /from must not be after to/);
  });

  it('states the rule in the OpenAPI document of every from and to', async () => {
    const doc = (await (await fetch(`${t.url}/docs-json`)).json()) as { paths: Record<string, { get?: { parameters?: { name: string; description?: string }[] } }> };
    const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
      (ops.get?.parameters ?? []).filter((p) => p.name === 'from' || p.name === 'to').map((p) => ({ path, name: p.name, description: p.description ?? '' })),
    );
    expect(described.map((d) => d.path)).toEqual(expect.arrayContaining(['/api/v1/responses', '/api/v1/responses/export', '/api/v1/incidents', '/api/v1/reports/summary']));
    expect(described.filter((d) => !/YYYY-MM-DD.*UTC/.test(d.description))).toEqual([]);
  });
});
