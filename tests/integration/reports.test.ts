import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { ContactEntity, MIGRATIONS } from '@turbota/persistence';
import type { Scores, Summary } from '@turbota/reports';
import { cesFromScores, csatFromScores, npsFromScores, silentAdjustedNps } from '@turbota/statistics';
import { ChatClient, promptsOf } from '../support/chat-client';
import { Api, incidentReport, type IncidentJson } from '../support/incidents-api';
import { ManualClock } from '../support/manual-clock';
import { registerPoints } from '../support/points';
import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

const HEADER = 'responded_at,customer_id,channel,locale,agent,service_type,point_of_service,metric,score';

interface Line {
  day: number;
  channel: string;
  agent: string;
  metric: string;
  score: number;
}

/** Scores with known counts: 100 promoters, 60 passives, 40 detractors, split so telegram has NPS 50 and viber NPS 10. */
function npsLines(): Line[] {
  const split = { telegram: { promoters: 60, passives: 30, detractors: 10 }, viber: { promoters: 40, passives: 30, detractors: 30 } };
  const lines: Line[] = [];
  for (const [channel, counts] of Object.entries(split)) {
    const scores = [...repeat([9, 10], counts.promoters), ...repeat([7, 8], counts.passives), ...repeat([0, 3, 6], counts.detractors)];
    scores.forEach((score, i) => lines.push({ day: 2 + (i % 10), channel, agent: ['olena', 'ivan', ''][i % 3], metric: 'nps', score }));
  }
  return lines;
}

function repeat(cycle: number[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => cycle[i % cycle.length]);
}

const CSAT_SCORES = repeat([5, 4, 4, 5, 3, 2, 5, 4, 1, 5], 50);
const CES_SCORES = repeat([1, 2, 2, 3, 5, 7, 4, 2], 40);
const LINES: Line[] = [
  ...npsLines(),
  ...CSAT_SCORES.map((score, i) => ({ day: 2 + (i % 10), channel: 'web', agent: 'olena', metric: 'csat', score })),
  ...CES_SCORES.map((score, i) => ({ day: 2 + (i % 10), channel: 'web', agent: 'ivan', metric: 'ces', score })),
];
const csvOf = (l: Line, i: number) => `2026-03-${String(l.day).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:15:00Z,crm-${i},${l.channel},uk,${l.agent},card,north,${l.metric},${l.score}`;

/** The bad lines and the reason each must be refused for; they follow the header and the good lines. */
const BAD = [
  ['2026-03-05T10:00:00Z,crm-x,telegram,uk,olena,card,north,nps,11', /score.*0 to 10/],
  ['2026-02-30T10:00:00Z,crm-x,telegram,uk,olena,card,north,nps,9', /responded_at/],
  ['yesterday,crm-x,telegram,uk,olena,card,north,csat,4', /responded_at/],
  ['2026-03-05T10:00:00Z,crm-x,telegram,uk,olena,card,north,likert,3', /metric/],
  ['2026-03-05T10:00:00Z,crm-x,telegram,uk', /expected 9 columns, got 4/],
  ['2026-03-05T10:00:00Z,crm-x,telegram,de,olena,card,north,ces,3', /locale/],
] as const;
const MARCH = 'from=2026-03-01&to=2026-03-31';

interface VariedLine {
  day: number;
  channel: string;
  locale: string;
  agent: string;
  serviceType: string;
  point: string;
  metric: string;
  score: number;
}

/**
 * January: 480 answers, 80 on each of six days. The day, metric, channel, locale and score repeat
 * every 24 answers while agent, service type and point cycle independently (coprime cycles), so
 * each coarse rollup row sums several fine ones, as at volume.
 */
const VARIED: VariedLine[] = Array.from({ length: 480 }, (_, i) => {
  const dayIndex = Math.floor(i / 80);
  const metric = ['nps', 'csat', 'ces'][i % 3];
  const step = (Math.floor(i / 12) % 2) + dayIndex;
  const score = metric === 'nps' ? [10, 9, 7, 3, 0, 8, 6][step] : metric === 'csat' ? 1 + (step % 5) : 1 + step;
  return {
    day: 5 + 2 * dayIndex,
    channel: ['telegram', 'viber'][Math.floor(i / 3) % 2],
    locale: ['uk', 'en'][Math.floor(i / 6) % 2],
    agent: ['olena', 'ivan', 'petro', 'maria', '', 'olena', 'taras'][i % 7],
    serviceType: ['card', 'loan', 'deposit', '', 'card', 'transfer', 'loan', 'card', 'insurance', 'deposit', ''][i % 11],
    point: ['north', 'south', 'east', 'west', '', 'north', 'centre', 'south', 'airport', 'mall', 'north', 'east', ''][i % 13],
    metric,
    score,
  };
});
const JANUARY = 'from=2026-01-01&to=2026-01-31';
const variedCsv = (l: VariedLine, i: number) =>
  `2026-01-${String(l.day).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:30:00Z,jan-${i},${l.channel},${l.locale},${l.agent},${l.serviceType},${l.point},${l.metric},${l.score}`;

/** The statistics libs/statistics gives for these answers, as the API serialises them (floats compared to 9 places). */
function scoresOfLines(lines: readonly VariedLine[]): Scores {
  const of = (metric: string) => lines.filter((l) => l.metric === metric).map((l) => l.score);
  return approximately(JSON.parse(JSON.stringify({ nps: npsFromScores(of('nps')), csat: csatFromScores(of('csat')), ces: cesFromScores(of('ces')) }))) as Scores;
}

function approximately(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : expect.closeTo(value, 9);
  if (Array.isArray(value)) return value.map(approximately);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, approximately(v)]));
  return value;
}

/** Each group of a cut report, keyed as the API keys it (a missing attribute is null), against the lines of that group. */
function expectGroupsOf(summary: Summary, lines: readonly VariedLine[], keyOf: (l: VariedLine) => string): void {
  const keys = [...new Set(lines.map(keyOf))];
  expect(summary.groups!.map((g) => g.key).sort()).toEqual(keys.map((k) => k || null).sort());
  for (const key of keys) {
    const group = summary.groups!.find((g) => g.key === (key || null))!;
    expect({ nps: group.nps, csat: group.csat, ces: group.ces }).toEqual(scoresOfLines(lines.filter((l) => keyOf(l) === key)));
  }
}
// Live dialogues, invitations and incidents happen on this day, apart from the imported months.
const TODAY = '2026-06-01';

describe(`reports and the responses import (${databaseKind})`, () => {
  const clock = new ManualClock(`${TODAY}T09:00:00.000Z`);
  let t: TestApp;
  let db: DataSource;
  const get = (path: string, key = TEST_ADMIN_KEY, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, { headers: { ...bearer(key), ...headers } });
  const json = async <T = Summary>(path: string): Promise<T> => {
    const res = await get(path);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const importCsv = (body: string, key = TEST_ADMIN_KEY, type = 'text/csv') =>
    fetch(`${t.url}/api/v1/imports/responses`, { method: 'POST', headers: { ...bearer(key), 'Content-Type': type }, body });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await registerPoints(t.url, 'kyiv-central');
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('imports the valid lines and reports each refused line with its number and reason', async () => {
    const body = [HEADER, ...LINES.map(csvOf), '', ...BAD.map(([line]) => line)].join('\n');
    const res = await importCsv(body);
    expect(res.status).toBe(200);
    const result = (await res.json()) as { importId: string; accepted: number; rejected: { line: number; reason: string }[]; rejectedCount: number };
    expect(result.accepted).toBe(LINES.length);
    expect(result.rejectedCount).toBe(BAD.length);
    // Line 1 is the header and one blank line precedes the bad ones.
    expect(result.rejected.map((r) => r.line)).toEqual(BAD.map((_, i) => LINES.length + 3 + i));
    BAD.forEach(([, reason], i) => expect(result.rejected[i].reason).toMatch(reason));
    const [{ count }] = await db.query<{ count: string }[]>(`SELECT count(*) FROM answer WHERE import_batch_id = $1 AND source = 'import' AND conversation_id IS NULL`, [result.importId]);
    expect(Number(count)).toBe(LINES.length);
    const [stored] = await db.query<{ external_customer_ref: string; customer_id: string | null; agent: string | null }[]>(`SELECT * FROM answer WHERE external_customer_ref = 'crm-2'`);
    expect(stored).toMatchObject({ customer_id: null, agent: null });
  });

  it('refuses a wrong header naming the columns, a body that is not CSV, and callers without the role', async () => {
    const missing = await importCsv('responded_at,customer_id,channel,locale,agent,service_type,metric,score\n');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toMatch(/missing column\(s\): point_of_service/);
    const unknown = await importCsv(`${HEADER},comment\n`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/unknown column\(s\): comment/);
    expect((await importCsv('')).status).toBe(400);
    expect((await importCsv(`${HEADER}\n`, TEST_ADMIN_KEY, 'text/plain')).status).toBe(415);
    const viewer = await createKey('viewer');
    expect((await importCsv(`${HEADER}\n`, viewer)).status).toBe(403);
    expect((await get(`/api/v1/reports/summary?${MARCH}`, viewer)).status).toBe(200);
  });

  it('reports NPS, CSAT and CES with n and the intervals libs/statistics gives for the same answers', async () => {
    const summary = await json(`/api/v1/reports/summary?${MARCH}`);
    const npsScores = LINES.filter((l) => l.metric === 'nps').map((l) => l.score);
    expect(summary.nps).toMatchObject({ n: 200, promoters: 100, passives: 60, detractors: 40, value: 30 });
    expect(summary.nps.ci95![0]).toBeCloseTo(18.8, 1);
    expect(summary.nps.ci95![1]).toBeCloseTo(40.3, 1);
    expect(summary.nps).toEqual(JSON.parse(JSON.stringify(npsFromScores(npsScores))));
    expect(summary.csat).toEqual(JSON.parse(JSON.stringify(csatFromScores(CSAT_SCORES))));
    expect(summary.csat.value).toBe(70);
    const ces = cesFromScores(CES_SCORES);
    expect(summary.ces.n).toBe(40);
    expect(summary.ces.value).toBeCloseTo(ces.value!, 10);
    expect(summary.ces.sd).toBeCloseTo(ces.sd!, 10);
    expect(summary.ces.ci95![0]).toBeCloseTo(ces.ci95![0], 10);
    expect(summary.ces.ci95![1]).toBeCloseTo(ces.ci95![1], 10);
  });

  it('cuts by channel and agent, and filters, each group agreeing with libs/statistics', async () => {
    const byChannel = await json(`/api/v1/reports/summary?${MARCH}&groupBy=channel`);
    const group = (key: string | null) => byChannel.groups!.find((g) => g.key === key)!;
    for (const channel of ['telegram', 'viber']) {
      const scores = LINES.filter((l) => l.metric === 'nps' && l.channel === channel).map((l) => l.score);
      expect(group(channel).nps).toEqual(JSON.parse(JSON.stringify(npsFromScores(scores))));
    }
    expect(group('telegram').nps.value).toBe(50);
    expect(group('viber').nps.value).toBe(10);
    expect(group('web').csat.value).toBe(70);

    const byAgent = await json(`/api/v1/reports/summary?${MARCH}&groupBy=agent`);
    const noAgent = LINES.filter((l) => l.metric === 'nps' && l.agent === '').map((l) => l.score);
    expect(byAgent.groups!.find((g) => g.key === null)!.nps).toEqual(JSON.parse(JSON.stringify(npsFromScores(noAgent))));

    const viber = await json(`/api/v1/reports/summary?${MARCH}&channel=viber`);
    expect(viber.nps).toMatchObject({ n: 100, value: 10 });
    const firstDays = await json(`/api/v1/reports/summary?from=2026-03-02&to=2026-03-03&channel=viber`);
    const expected = LINES.filter((l) => l.metric === 'nps' && l.channel === 'viber' && l.day <= 3).map((l) => l.score);
    expect(firstDays.nps).toEqual(JSON.parse(JSON.stringify(npsFromScores(expected))));
  });

  it('gives the trend per week and per day', async () => {
    const weekly = await json<{ points: { period: string; n: number; value: number }[] }>(`/api/v1/reports/trend?${MARCH}&metric=nps&interval=week`);
    // 2026-03-02 is a Monday: days 2-8 fall in one ISO week, 9-11 in the next.
    expect(weekly.points.map((p) => p.period)).toEqual(['2026-03-02', '2026-03-09']);
    const firstWeek = LINES.filter((l) => l.metric === 'nps' && l.day <= 8).map((l) => l.score);
    expect(weekly.points[0]).toMatchObject({ n: firstWeek.length, value: npsFromScores(firstWeek).value });
    expect(weekly.points[0].n + weekly.points[1].n).toBe(200);
    const daily = await json<{ points: unknown[] }>(`/api/v1/reports/trend?${MARCH}&metric=csat&interval=day`);
    expect(daily.points).toHaveLength(10);
  });

  it('answers 400 naming the parameter for a bad period, groupBy or metric', async () => {
    const cases: [string, RegExp][] = [
      ['/api/v1/reports/summary?from=2026-03-10&to=2026-03-01', /from must not be after to/],
      ['/api/v1/reports/summary?groupBy=hour', /groupBy must be one of/],
      ['/api/v1/reports/summary?from=2026-13-01', /from must be a calendar day/],
      ['/api/v1/reports/trend?interval=year', /interval must be one of/],
      ['/api/v1/reports/factors?metric=likert', /metric must be one of/],
      ['/api/v1/reports/problems?channel=web', /unknown field\(s\): channel/],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
  });

  it('keeps the rollups equal to a GROUP BY over the raw answers after dialogue answers and a multi-batch import', async () => {
    await answerInWebChat(10);
    await answerInWebChat(3);
    const big = [HEADER, ...Array.from({ length: 2100 }, (_, i) => `2026-05-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z,b-${i},phone,ru,,,,ces,${1 + (i % 7)}`)];
    const res = await importCsv(big.join('\r\n'));
    expect(((await res.json()) as { accepted: number }).accepted).toBe(2100);
    const may = await json('/api/v1/reports/summary?from=2026-05-01&to=2026-05-31');
    expect(may.ces).toMatchObject({ n: 2100, value: 4 });

    const rollups = await db.query<Record<string, unknown>[]>(`SELECT day::text, metric, channel, locale, agent, service_type, point_of_service, score, count::int FROM answer_rollup ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`);
    const grouped = await db.query<Record<string, unknown>[]>(
      `SELECT (answered_at AT TIME ZONE 'UTC')::date::text AS day, question_type AS metric, channel, locale, COALESCE(agent, '') AS agent,
              COALESCE(service_type, '') AS service_type, COALESCE(point_of_service, '') AS point_of_service, score, count(*)::int AS count
       FROM answer WHERE question_type IN ('nps', 'ces', 'csat') AND score IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
    );
    expect(rollups).toEqual(grouped);
    expect(grouped.filter((r) => r.channel === 'web' && r.metric === 'nps')).toHaveLength(2);
  });

  it('counts the response rate and the silent-adjusted NPS from the invitations', async () => {
    const conversations = await db.query<{ id: string; score: number }[]>(
      `SELECT c.id, a.score FROM conversation c JOIN answer a ON a.conversation_id = c.id AND a.integral AND a.question_type = 'nps' ORDER BY a.score DESC`,
    );
    expect(conversations.map((c) => c.score)).toEqual([10, 3]);
    const now = clock.now();
    const contact = (externalId: string, extra: Partial<ContactEntity>) =>
      db.getRepository(ContactEntity).save({ externalId, occurredAt: now, decision: 'invited', decidedAt: now, invitedAt: now, channel: 'web', locale: 'en', ...extra });
    await contact('answered-promoter', { conversationId: conversations[0].id });
    await contact('answered-detractor', { conversationId: conversations[1].id });
    await contact('silent', { nonResponderAt: now });
    await contact('waiting', { respondBy: new Date(now.getTime() + 3_600_000) });

    const summary = await json(`/api/v1/reports/summary?from=${TODAY}&to=${TODAY}`);
    expect(summary.responseRate).toMatchObject({ invited: 4, answered: 2, nonResponders: 2, awaiting: 1, value: 50 });
    expect(summary.silentAdjustedNps).toEqual(JSON.parse(JSON.stringify(silentAdjustedNps({ promoters: 1, passives: 0, detractors: 1 }, 4))));
    expect(summary.silentAdjustedNps.value).toBe(-50);
    expect(summary.nps).toMatchObject({ n: 2, value: 0 });
  });

  it('exports the raw answers as CSV that parses back, without personal data', async () => {
    const res = await get('/api/v1/responses/export?source=import&from=2026-03-01&to=2026-04-01');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await res.text();
    const rows = parse<Record<string, string>>(text, { columns: true });
    expect(rows).toHaveLength(LINES.length);
    expect(Object.keys(rows[0])).not.toEqual(expect.arrayContaining(['customer_id']));
    expect(rows.filter((r) => r.question_type === 'nps').map((r) => Number(r.score)).sort()).toEqual(LINES.filter((l) => l.metric === 'nps').map((l) => l.score).sort());
    expect(rows.every((r) => r.source === 'import' && r.conversation_id === '')).toBe(true);
    // The other tool's customer ids stay inside: they identify people there.
    expect(text).not.toMatch(/crm-/);

    // Both imports span three pages of 1000: each answer comes exactly once.
    const all = parse<Record<string, string>>(await (await get('/api/v1/responses/export?source=import')).text(), { columns: true });
    expect(all).toHaveLength(LINES.length + 2100);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect(all.map((r) => r.answered_at)).toEqual(all.map((r) => r.answered_at).sort());
  });

  it('gives every report as CSV on format=csv or Accept: text/csv', async () => {
    const summary = parse<Record<string, string>>(await (await get(`/api/v1/reports/summary?${MARCH}&groupBy=channel&format=csv`)).text(), { columns: true });
    expect(summary.find((r) => r.group_by === 'all' && r.metric === 'nps')).toMatchObject({ n: '200', value: '30', promoters: '100' });
    expect(summary.find((r) => r.key === 'viber' && r.metric === 'nps')).toMatchObject({ value: '10' });
    for (const report of ['trend', 'factors', 'incidents', 'problems']) {
      const res = await get(`/api/v1/reports/${report}?${MARCH}`, TEST_ADMIN_KEY, { Accept: 'text/csv' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      expect(parse(await res.text()).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives the share of respondents naming each reason, with its factor', async () => {
    const chat = new ChatClient(t.url);
    await chat.open({ locale: 'en', point: 'kyiv-central' });
    const reason = promptsOf(await chat.send({ kind: 'scale', value: 2 }))[0].options![0];
    await chat.send({ kind: 'choice', code: reason.code });
    const [stored] = await db.query<{ factor: string | null }[]>(`SELECT factor FROM answer WHERE question_type = 'single_choice' AND choice = $1`, [reason.code]);
    const { reasons } = await json<{ reasons: { reason: string; factor: string | null; naming: number; total: number; value: number }[] }>(
      `/api/v1/reports/factors?from=${TODAY}&to=${TODAY}`,
    );
    expect(reasons).toEqual([expect.objectContaining({ reason: reason.code, factor: stored.factor, naming: 1, total: 1, value: 100 })]);
  });

  it('reports incidents by status with SLA compliance and median times, and the problem they made', async () => {
    const admin = new Api(t.url);
    const integration = admin.as(await admin.key('integration'));
    // Three customers (problems need at least two).
    const report = (phone: string) => integration.json<IncidentJson>('/api/v1/incidents', { body: incidentReport({ score: 2, reasonCode: 'queue', pointOfService: 'report-point', phone }) });
    const created = [await report('+380 67 765 43 41'), await report('+380 67 765 43 42'), await report('+380 67 765 43 43')];
    // All within the 30 minutes a high-priority incident has to be acknowledged: nothing breaches.
    clock.advance(10);
    expect((await admin.transition(created[0].id, { action: 'acknowledge' })).status).toBe(201);
    clock.advance(10);
    expect((await admin.transition(created[1].id, { action: 'acknowledge' })).status).toBe(201);
    clock.advance(5);
    expect((await admin.transition(created[0].id, { action: 'resolve', note: 'Called back', justified: true })).status).toBe(201);

    const incidents = await json<{ medianMinutesToAcknowledge: number; medianMinutesToResolve: number; byPriority: { priority: string; total: number }[] }>(`/api/v1/reports/incidents?from=${TODAY}&to=${TODAY}`);
    expect(incidents).toMatchObject({
      total: 3,
      byStatus: { new: 1, acknowledged: 1, resolved: 1 },
      slaCompliance: { met: 1, breached: 0, value: 100 },
    });
    // The test clock keeps running at real speed between its jumps: a few seconds on top.
    expect(incidents.medianMinutesToAcknowledge).toBeCloseTo(15, 0);
    expect(incidents.medianMinutesToResolve).toBeCloseTo(25, 0);
    expect(incidents.byPriority.find((p) => p.priority === 'high')).toMatchObject({ total: 3 });

    const problems = await json(`/api/v1/reports/problems?from=${TODAY}&to=${TODAY}`);
    expect(problems).toMatchObject({ total: 1, byStatus: { open: 1 }, byDimension: { point_of_service: 1 }, reasons: [{ reasonCode: 'queue', problems: 1, incidents: 3 }] });
  });

  async function createKey(role: string): Promise<string> {
    const res = await fetch(`${t.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { ...bearer(TEST_ADMIN_KEY), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `${role} key`, role }),
    });
    return ((await res.json()) as { key: string }).key;
  }

  async function answerInWebChat(score: number): Promise<void> {
    const chat = new ChatClient(t.url);
    await chat.open({ locale: 'en', point: 'kyiv-central' });
    await chat.send({ kind: 'scale', value: score });
  }

  it('accounts for every line when a quote is left open: the lines it swallowed are reported, none imported', async () => {
    const good = (ref: string) => `2026-04-05T10:00:00Z,${ref},telegram,uk,olena,card,north,nps,9`;
    const body = [HEADER, good('quote-1'), '2026-04-05T10:00:00Z,"quote-2,telegram,uk,olena,card,north,nps,9', good('quote-3'), good('quote-4')].join('\n');
    const res = await importCsv(body);
    expect(res.status).toBe(200);
    const result = (await res.json()) as { accepted: number; rejected: { line: number; reason: string }[]; rejectedCount: number };
    expect(result.accepted).toBe(1);
    expect(result.rejected.map((r) => r.line)).toEqual([3, 4, 5]);
    for (const { reason } of result.rejected) expect(reason).toMatch(/^not valid CSV: .*an unclosed quote runs across lines 3-5; none of them was imported/);
    expect(await db.query(`SELECT external_customer_ref FROM answer WHERE external_customer_ref LIKE 'quote-%'`)).toEqual([{ external_customer_ref: 'quote-1' }]);
  });

  it('names the import and the last stored line when the database fails half way, so only the rest is resent', async () => {
    // A real database failure on one line of the third batch of 1,000.
    await db.query(`CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await db.query(`CREATE TRIGGER fail_import BEFORE INSERT ON answer FOR EACH ROW WHEN (NEW.agent = 'fail') EXECUTE FUNCTION fail_import()`);
    const line = (i: number, agent = 'olena') => `2026-04-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z,half-${i},viber,en,${agent},,,csat,${1 + (i % 5)}`;
    const lines = Array.from({ length: 2500 }, (_, i) => (i === 2200 ? line(i, 'fail') : i === 5 ? 'not,a,line' : line(i)));
    try {
      const res = await importCsv([HEADER, ...lines].join('\n'));
      expect(res.status).toBe(503);
      const stopped = (await res.json()) as { message: string; importId: string; accepted: number; storedThroughLine: number; rejected: { line: number }[]; rejectedCount: number };
      // Lines 2-2002 hold 2,001 lines: 2,000 answers in two batches and the refused line 7.
      expect(stopped).toMatchObject({ accepted: 2000, storedThroughLine: 2002, rejectedCount: 1, rejected: [{ line: 7 }] });
      expect(stopped.message).toMatch(new RegExp(`the database failed.*after line 2002.*${stopped.importId}.*send the lines after 2002 again`));
      const [{ count }] = await db.query<{ count: string }[]>(`SELECT count(*) FROM answer WHERE import_batch_id = $1`, [stopped.importId]);
      expect(Number(count)).toBe(2000);
      expect(t.logs.text()).not.toMatch(/half-\d/);
    } finally {
      await db.query(`DROP TRIGGER fail_import ON answer`);
      await db.query(`DROP FUNCTION fail_import()`);
    }
    // Resending the rest completes the import; April's CSAT counts every line once.
    const rest = await importCsv([HEADER, ...lines.slice(2001)].join('\n'));
    expect(((await rest.json()) as { accepted: number }).accepted).toBe(499);
    expect((await json('/api/v1/reports/summary?from=2026-04-01&to=2026-04-30&channel=viber')).csat.n).toBe(2499);
  });

  /** A rollup's rows in January, where only the VARIED answers fall. */
  const januaryRows = async (table: string) =>
    (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE day BETWEEN '2026-01-01' AND '2026-01-31'`))[0].n;

  it('answers the reports that need no agent, service type or point from the coarse rollup, as the raw answers give them', async () => {
    const res = await importCsv([HEADER, ...VARIED.map(variedCsv)].join('\n'));
    expect(((await res.json()) as { accepted: number }).accepted).toBe(VARIED.length);
    expect((await januaryRows('answer_rollup_daily')) * 3).toBeLessThan(await januaryRows('answer_rollup'));

    const byChannel = await json(`/api/v1/reports/summary?${JANUARY}&groupBy=channel`);
    expect({ nps: byChannel.nps, csat: byChannel.csat, ces: byChannel.ces }).toEqual(scoresOfLines(VARIED));
    expectGroupsOf(byChannel, VARIED, (l) => l.channel);
    const viberByLocale = await json(`/api/v1/reports/summary?${JANUARY}&channel=viber&groupBy=locale`);
    expectGroupsOf(viberByLocale, VARIED.filter((l) => l.channel === 'viber'), (l) => l.locale);

    const weekly = await json<{ points: { period: string; n: number; value: number }[] }>(`/api/v1/reports/trend?${JANUARY}&metric=ces&interval=week`);
    // 2026-01-05 is a Monday: the 5th to the 11th fall in one week, the 13th and 15th in the next.
    const weeks = { '2026-01-05': VARIED.filter((l) => l.day <= 11), '2026-01-12': VARIED.filter((l) => l.day >= 12) };
    expect(weekly.points).toEqual(
      Object.entries(weeks).map(([period, lines]) => {
        const { n, value, ci95 } = scoresOfLines(lines).ces;
        return { period, n, value, ci95 };
      }),
    );

    const distribution = await json<{ n: number; scores: { score: number; count: number }[] }>(`/api/v1/reports/score-distribution?from=2026-01-06&to=2026-01-13&locale=en&metric=csat`);
    const csat = VARIED.filter((l) => l.metric === 'csat' && l.locale === 'en' && l.day >= 6 && l.day <= 13);
    expect(distribution.scores).toEqual([1, 2, 3, 4, 5].map((score) => ({ score, count: csat.filter((l) => l.score === score).length })));
    expect(distribution.n).toBe(csat.length);
  });

  it('answers the reports by agent from the agent rollup, as the raw answers give them', async () => {
    expect((await januaryRows('answer_rollup_agent')) * 2).toBeLessThan(await januaryRows('answer_rollup'));

    const summary = await json(`/api/v1/reports/summary?${JANUARY}&groupBy=agent`);
    expect({ nps: summary.nps, csat: summary.csat, ces: summary.ces }).toEqual(scoresOfLines(VARIED));
    expectGroupsOf(summary, VARIED, (l) => l.agent);

    // Weeks as in the coarse test above.
    const olena = VARIED.filter((l) => l.agent === 'olena' && l.metric === 'csat');
    const weekly = await json<{ points: { period: string; n: number }[] }>(`/api/v1/reports/trend?${JANUARY}&agent=olena&metric=csat&interval=week`);
    expect(weekly.points.map((p) => [p.period, p.n])).toEqual([
      ['2026-01-05', olena.filter((l) => l.day <= 11).length],
      ['2026-01-12', olena.filter((l) => l.day >= 12).length],
    ]);
  });

  it('answers a report by agent over months from the monthly rollup and the days at its ends from the daily one, as the raw answers give them', async () => {
    // 2025-06-15 to 2025-09-12, two answers a day; the period below holds July and August whole.
    const lines: (VariedLine & { at: string })[] = Array.from({ length: 180 }, (_, i) => {
      const metric = ['nps', 'csat', 'ces'][i % 3];
      return {
        at: new Date(Date.UTC(2025, 5, 15 + Math.floor(i / 2), 9 + (i % 2))).toISOString(),
        day: 0,
        channel: 'viber',
        locale: 'uk',
        agent: ['olena', 'ivan', '', 'petro'][i % 4],
        serviceType: '',
        point: '',
        metric,
        score: metric === 'nps' ? i % 11 : metric === 'csat' ? 1 + (i % 5) : 1 + (i % 7),
      };
    });
    const res = await importCsv([HEADER, ...lines.map((l, i) => `${l.at},mo-${i},${l.channel},${l.locale},${l.agent},,,${l.metric},${l.score}`)].join('\n'));
    expect(((await res.json()) as { accepted: number }).accepted).toBe(lines.length);

    const inPeriod = lines.filter((l) => l.at >= '2025-06-20' && l.at < '2025-09-06');
    const summary = await json(`/api/v1/reports/summary?from=2025-06-20&to=2025-09-05&groupBy=agent`);
    expect({ nps: summary.nps, csat: summary.csat, ces: summary.ces }).toEqual(scoresOfLines(inPeriod));
    expectGroupsOf(summary, inPeriod, (l) => l.agent);
    const ivan = await json(`/api/v1/reports/summary?from=2025-06-20&to=2025-09-05&agent=ivan&groupBy=month`);
    expect(ivan.groups!.map((g) => g.key)).toEqual(['2025-06-01', '2025-07-01', '2025-08-01', '2025-09-01']);
    expect(ivan.groups!.map((g) => g.csat.n + g.nps.n + g.ces.n)).toEqual(
      ['2025-06', '2025-07', '2025-08', '2025-09'].map((month) => inPeriod.filter((l) => l.agent === 'ivan' && l.at.startsWith(month)).length),
    );

    // With no period every month is whole: the counts of everything stored, per agent and metric.
    const all = await json(`/api/v1/reports/summary?groupBy=agent`);
    const raw = await db.query<{ agent: string | null; metric: 'nps' | 'csat' | 'ces'; n: number }[]>(
      `SELECT NULLIF(agent, '') AS agent, question_type AS metric, count(*)::int AS n FROM answer
       WHERE question_type IN ('nps', 'ces', 'csat') AND score IS NOT NULL GROUP BY 1, 2`,
    );
    for (const { agent, metric, n } of raw) expect(all.groups!.find((g) => g.key === agent)![metric].n).toBe(n);
  });

  it('still filters and cuts by agent, service type and point, from the fine rollup', async () => {
    const olena = VARIED.filter((l) => l.agent === 'olena');
    const olenaByPoint = await json(`/api/v1/reports/summary?${JANUARY}&agent=olena&groupBy=point_of_service`);
    expect({ nps: olenaByPoint.nps, csat: olenaByPoint.csat, ces: olenaByPoint.ces }).toEqual(scoresOfLines(olena));
    expectGroupsOf(olenaByPoint, olena, (l) => l.point);

    const byAgent = await json(`/api/v1/reports/summary?${JANUARY}&channel=web&groupBy=agent`);
    expectGroupsOf(byAgent, VARIED.filter((l) => l.channel === 'web'), (l) => l.agent);
    const cardByService = await json(`/api/v1/reports/summary?${JANUARY}&serviceType=card&groupBy=service_type`);
    expectGroupsOf(cardByService, VARIED.filter((l) => l.serviceType === 'card'), (l) => l.serviceType);

    const northTrend = await json<{ points: { period: string; n: number }[] }>(`/api/v1/reports/trend?${JANUARY}&pointOfService=north&metric=nps&interval=day`);
    const north = VARIED.filter((l) => l.point === 'north' && l.metric === 'nps');
    expect(northTrend.points.map((p) => p.n)).toEqual([...new Set(north.map((l) => l.day))].sort((a, b) => a - b).map((day) => north.filter((l) => l.day === day).length));
  });

  /** A summed rollup's rows, as its table holds them, as the fine rollup sums to them, and as the raw answers do. */
  const summed = (table: string, columns: string[]) => {
    const order = columns.map((_, i) => i + 1).join(', ');
    const read = columns.map((c) => (c === 'day' ? 'day::text AS day' : c)).join(', ');
    const fromAnswers = columns
      .map((c) => (c === 'day' ? `(answered_at AT TIME ZONE 'UTC')::date::text AS day` : c === 'metric' ? 'question_type AS metric' : c === 'agent' ? `COALESCE(agent, '') AS agent` : c))
      .join(', ');
    return {
      rollup: () => db.query<Record<string, unknown>[]>(`SELECT ${read}, count FROM ${table} ORDER BY ${order}`),
      fromFine: () => db.query(`SELECT ${read}, SUM(count)::int AS count FROM answer_rollup GROUP BY ${order} ORDER BY ${order}`),
      fromAnswers: () => db.query(`SELECT ${fromAnswers}, count(*)::int AS count FROM answer WHERE question_type IN ('nps', 'ces', 'csat') AND score IS NOT NULL GROUP BY ${order} ORDER BY ${order}`),
    };
  };
  const coarse = summed('answer_rollup_daily', ['day', 'metric', 'channel', 'locale', 'score']);
  const byAgent = summed('answer_rollup_agent', ['day', 'metric', 'agent', 'score']);
  const monthlyRollup = () => db.query(`SELECT month::text, metric, agent, score, count FROM answer_rollup_agent_monthly ORDER BY 1, 2, 3, 4`);
  const monthlyFromDaily = `SELECT date_trunc('month', day::timestamp)::date::text AS month, metric, agent, score, SUM(count)::int AS count
    FROM answer_rollup_agent GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;

  it('keeps the coarse and the agent rollups equal to the fine one summed and to the raw answers, and the monthly to the daily, a failed import batch included', async () => {
    // By now: dialogue answers, several imports and the import whose third batch the database refused.
    for (const { rollup, fromFine, fromAnswers } of [coarse, byAgent]) {
      const rows = await rollup();
      expect(rows).toEqual(await fromAnswers());
      expect(rows).toEqual(await fromFine());
    }
    expect((await coarse.rollup()).some((r) => r.channel === 'web' && r.day === TODAY)).toBe(true);
    expect((await byAgent.rollup()).some((r) => r.agent === '' && r.day === TODAY)).toBe(true);
    expect(await monthlyRollup()).toEqual(await db.query(monthlyFromDaily));
  });

  it('fills the coarse and the agent rollups from the fine one when their migrations run on an existing install, the monthly from the daily', async () => {
    for (const [name, tables] of [['CoarseRollup1796200001000', ['answer_rollup_daily']], ['AgentRollup1796200003000', ['answer_rollup_agent_monthly', 'answer_rollup_agent']]] as const) {
      const migration = MIGRATIONS.find((m) => m.name === name)!;
      const runner = db.createQueryRunner();
      try {
        for (const table of tables) await runner.query(`DROP TABLE "${table}"`);
        await new migration().up(runner);
      } finally {
        await runner.release();
      }
    }
    expect(await coarse.rollup()).toEqual(await coarse.fromAnswers());
    expect(await byAgent.rollup()).toEqual(await byAgent.fromAnswers());
    expect(await monthlyRollup()).toEqual(await db.query(monthlyFromDaily));
    expectGroupsOf(await json(`/api/v1/reports/summary?${JANUARY}&groupBy=channel`), VARIED, (l) => l.channel);
    expectGroupsOf(await json(`/api/v1/reports/summary?${JANUARY}&groupBy=agent`), VARIED, (l) => l.agent);
  });
});
