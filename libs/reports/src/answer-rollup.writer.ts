import type { EntityManager } from 'typeorm';
import { AGENT_KEY, COARSE_KEY, projectIncrements, RollupAnswer, rollupIncrements } from './rollup-increments';
import { firstOfMonth } from './whole-months';

/** The most answers one call takes: their increments fit in one statement's parameters (under 65,536). */
export const MAX_ROLLUP_BATCH = 1000;

/** A rollup table: its key columns (in the order its rows give them) and the count it adds to. */
interface RollupTable {
  name: string;
  key: readonly string[];
}

const FINE: RollupTable = { name: 'answer_rollup', key: ['day', 'metric', 'channel', 'locale', 'agent', 'service_type', 'point_of_service', 'score'] };
const COARSE: RollupTable = { name: 'answer_rollup_daily', key: COARSE_KEY };
const AGENT: RollupTable = { name: 'answer_rollup_agent', key: AGENT_KEY };
const AGENT_MONTHLY: RollupTable = { name: 'answer_rollup_agent_monthly', key: ['month', 'metric', 'agent', 'score'] };

/**
 * Adds answers to the score histograms in `answer_rollup` and its summed twins
 * (`answer_rollup_daily`, `answer_rollup_agent`, `answer_rollup_agent_monthly`) in one
 * statement: one round trip on the dialogue's hot path. Call it with the transaction that
 * writes the answers, so the histograms and the answers never disagree. Every writer sends the
 * same statement, which locks the tables in one order and each table's rows in key order (the
 * increments come sorted), so concurrent writers never deadlock.
 */
export async function addToRollups(tx: EntityManager, answers: readonly RollupAnswer[]): Promise<void> {
  if (answers.length > MAX_ROLLUP_BATCH) throw new RangeError(`addToRollups takes at most ${MAX_ROLLUP_BATCH} answers a call, got ${answers.length}`);
  const fine = rollupIncrements(answers);
  if (fine.length === 0) return;
  const parameters: unknown[] = [];
  const fineSql = upsertSql(FINE, fine.map((c) => [c.day, c.metric, c.channel, c.locale, c.agent, c.serviceType, c.pointOfService, c.score, c.count]), parameters);
  const coarseSql = upsertSql(COARSE, projectIncrements(fine, COARSE_KEY).map((c) => [c.day, c.metric, c.channel, c.locale, c.score, c.count]), parameters);
  const byAgent = projectIncrements(fine, AGENT_KEY);
  const agentSql = upsertSql(AGENT, byAgent.map((c) => [c.day, c.metric, c.agent, c.score, c.count]), parameters);
  const byMonth = projectIncrements(byAgent.map((c) => ({ ...c, day: firstOfMonth(c.day) })), AGENT_KEY);
  const monthlySql = upsertSql(AGENT_MONTHLY, byMonth.map((c) => [c.day, c.metric, c.agent, c.score, c.count]), parameters);
  // The sub-statements in WITH each write their own table; none needs to see another's rows.
  await tx.query(`WITH coarse AS (${coarseSql}), agent AS (${agentSql}), agent_monthly AS (${monthlySql}) ${fineSql}`, parameters);
}

/** An INSERT that adds each row's count (its last value) to the row with the same key, creating it if new. */
function upsertSql(table: RollupTable, rows: readonly unknown[][], parameters: unknown[]): string {
  const columns = [...table.key, 'count'].map((c) => `"${c}"`).join(', ');
  const key = table.key.map((c) => `"${c}"`).join(', ');
  const tuples = rows.map((values) => {
    const placeholders = values.map((value) => `$${parameters.push(value)}`);
    // The day (or month) comes first in every key and is sent as text.
    return `(${placeholders[0]}::date, ${placeholders.slice(1).join(', ')})`;
  });
  return `INSERT INTO "${table.name}" (${columns}) VALUES ${tuples.join(', ')}
    ON CONFLICT (${key}) DO UPDATE SET "count" = "${table.name}"."count" + excluded."count"`;
}
