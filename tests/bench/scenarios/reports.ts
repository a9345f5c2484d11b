import { performance } from 'node:perf_hooks';
import { queryOnce } from '../bench-database';
import { startTurbota } from '../processes';
import { type Cell, type ScenarioResult, verdict } from '../report';
import { BENCH_ADMIN_KEY, type BenchContext, turbotaEnv } from '../scenario';
import { bulkLoadResponses, integrationKey, uploadResponses } from '../csv-imports';

const ROUNDS = 5;
const CHANNELS = ['telegram', 'viber', 'slack', 'web'];
const TARGET_MS = 150;

/** One report, timed through the API, against the plain GROUP BY a developer would write. */
interface Case {
  name: string;
  paths: string[];
  sql: string;
}

const CASES: Case[] = [
  {
    name: 'by week × channel',
    paths: CHANNELS.map((c) => `/api/v1/reports/summary?groupBy=week&channel=${c}`),
    sql: `SELECT date_trunc('week', answered_at) AS week, channel, question_type, count(*), avg(score) FROM answer WHERE integral GROUP BY 1, 2, 3`,
  },
  {
    name: 'by agent',
    paths: ['/api/v1/reports/summary?groupBy=agent'],
    sql: `SELECT agent, question_type, count(*), avg(score) FROM answer WHERE integral GROUP BY 1, 2`,
  },
  {
    name: 'overall, the last 90 days',
    paths: ['/api/v1/reports/summary?from=@90&to=@0'],
    sql: `SELECT question_type, count(*), avg(score) FROM answer WHERE integral AND answered_at >= now() - interval '90 days' GROUP BY 1`,
  },
  {
    name: 'NPS trend by week',
    paths: ['/api/v1/reports/trend?metric=nps&interval=week'],
    sql: `SELECT date_trunc('week', answered_at), count(*) FILTER (WHERE score >= 9), count(*) FILTER (WHERE score <= 6), count(*) FROM answer WHERE question_type = 'nps' GROUP BY 1`,
  },
  {
    name: 'NPS score distribution',
    paths: ['/api/v1/reports/score-distribution?metric=nps'],
    sql: `SELECT score, count(*) FROM answer WHERE question_type = 'nps' GROUP BY 1`,
  },
  {
    name: 'factors',
    paths: ['/api/v1/reports/factors?metric=nps'],
    sql: `SELECT factor, score, count(*) FROM answer WHERE question_type = 'likert' GROUP BY 1, 2`,
  },
];

/** `@N` in a path stands for the day N days ago (UTC), as a report's from/to. */
const daysAgo = (path: string) => path.replace(/@(\d+)/g, (_, n: string) => new Date(Date.now() - Number(n) * 86_400_000).toISOString().slice(0, 10));

/**
 * Bench 2: `--answers` answers over the last year, loaded through the responses import (the
 * public way in), then each report through `GET /api/v1/reports/summary` against a plain
 * GROUP BY over the raw answers on the same database; medians of five rounds.
 */
export async function reportsScenario(context: BenchContext): Promise<ScenarioResult> {
  const env = { ...turbotaEnv(context, 'http://127.0.0.1:9'), TELEGRAM_BOT_TOKEN: '', TELEGRAM_WEBHOOK_SECRET: '' };
  const api = await startTurbota('api', env);
  try {
    const loadStartedAt = Date.now();
    const bySql = context.options.answersBy === 'sql';
    if (bySql) await bulkLoadResponses(context.database.url, context.options.answers, context.log);
    else {
      const loaded = await uploadResponses(api.url, await integrationKey(api.url), context.options.answers);
      if (loaded.status !== 200) throw new Error(`Loading the answers answered ${loaded.status}: ${loaded.body.slice(0, 300)}`);
    }
    const loadSeconds = (Date.now() - loadStartedAt) / 1000;
    const loadedHow = bySql
      ? 'inserted by SQL (`--answers-by=sql`) and the rollups summed from them'
      : 'loaded through POST /api/v1/imports/responses';
    context.log(`reports: ${context.options.answers} answers loaded in ${loadSeconds.toFixed(0)} s`);
    await queryOnce(context.database.url, 'ANALYZE');
    // Reports are for people (viewer and up), not for the integration key that loaded them.
    const headers = { Authorization: `Bearer ${BENCH_ADMIN_KEY}` };
    const rows: Cell[][] = [];
    const verdicts: string[] = [];
    for (const c of CASES) {
      const apiMs = await median(async () => {
        for (const path of c.paths) {
          const res = await fetch(`${api.url}${daysAgo(path)}`, { headers });
          if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
          await res.arrayBuffer();
        }
      });
      const sqlMs = await median(() => queryOnce(context.database.url, c.sql));
      const perRequest = apiMs / c.paths.length;
      rows.push([c.name, c.paths.length, apiMs, perRequest, sqlMs, sqlMs / apiMs]);
      verdicts.push(verdict(`${c.name} < ${TARGET_MS} ms a request`, perRequest < TARGET_MS, `${perRequest.toFixed(0)} ms a request (${c.paths.length}) vs ${sqlMs.toFixed(0)} ms for the plain GROUP BY of all of it`));
    }
    return {
      name: 'reports',
      title: `2. Reports at scale (${context.options.answers} answers over a year)`,
      columns: ['report', 'requests', 'API ms (all, median)', 'API ms a request', 'plain GROUP BY ms (median)', 'GROUP BY / API'],
      rows,
      verdicts,
      notes: [
        `Answers ${loadedHow} in ${loadSeconds.toFixed(0)} s (${(context.options.answers / loadSeconds).toFixed(0)} rows/s); ${ROUNDS} rounds each, median; the API time includes HTTP and the API key check.`,
        'The API has no week × channel grouping in one call: it is one summary by week per channel (4 requests).',
        'The imported answers are integral scores only, so the factors report finds no Likert answers: it measures reaching none (through a partial index of the Likert answers), not the arithmetic.',
        'The plain GROUP BY runs over the raw answer table on the same database with a fresh connection; the API reads the daily rollups.',
      ],
      raw: { answers: context.options.answers, answersBy: context.options.answersBy, loadSeconds, rows },
    };
  } finally {
    await api.stop();
  }
}

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const startedAt = performance.now();
    await run();
    times.push(performance.now() - startedAt);
  }
  return times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}
