import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { execute, qb } from '@turbota/persistence';
import { AGENT_KEY, COARSE_KEY, projectIncrements, RollupAnswer, rollupIncrements } from './rollup-increments';
import { firstOfMonth } from './whole-months';

/** The most answers one call takes: their increments fit in one statement's parameters (under 65,536). */
export const MAX_ROLLUP_BATCH = 1000;

/** The day (or month) of a rollup row: sent as text, cast to a date in the statement. */
const day = (value: string) => sql<string>`${value}::date`;

/**
 * Adds answers to the score histograms in `answer_rollup` and its summed twins
 * (`answer_rollup_daily`, `answer_rollup_agent`, `answer_rollup_agent_monthly`) in one
 * statement: one round trip on the dialogue's hot path. Call it with the transaction that
 * writes the answers, so the histograms and the answers never disagree. Every writer sends the
 * same statement, which locks the tables in one order and each table's rows in key order (the
 * increments come sorted), so concurrent writers never deadlock. Each INSERT adds each row's
 * count to the row with the same key, creating it if new.
 */
export async function addToRollups(tx: EntityManager, answers: readonly RollupAnswer[]): Promise<void> {
  if (answers.length > MAX_ROLLUP_BATCH) throw new RangeError(`addToRollups takes at most ${MAX_ROLLUP_BATCH} answers a call, got ${answers.length}`);
  const fine = rollupIncrements(answers);
  if (fine.length === 0) return;
  const coarse = projectIncrements(fine, COARSE_KEY);
  const byAgent = projectIncrements(fine, AGENT_KEY);
  const byMonth = projectIncrements(byAgent.map((c) => ({ ...c, day: firstOfMonth(c.day) })), AGENT_KEY);
  // The sub-statements in WITH each write their own table; none needs to see another's rows.
  const statement = qb
    .with('coarse', (db) =>
      db
        .insertInto('answer_rollup_daily')
        .values(coarse.map((c) => ({ day: day(c.day), metric: c.metric, channel: c.channel, locale: c.locale, score: c.score, count: c.count })))
        .onConflict((oc) =>
          oc.columns(['day', 'metric', 'channel', 'locale', 'score']).doUpdateSet((eb) => ({ count: eb('answer_rollup_daily.count', '+', eb.ref('excluded.count')) })),
        ),
    )
    .with('agent', (db) =>
      db
        .insertInto('answer_rollup_agent')
        .values(byAgent.map((c) => ({ day: day(c.day), metric: c.metric, agent: c.agent, score: c.score, count: c.count })))
        .onConflict((oc) => oc.columns(['day', 'metric', 'agent', 'score']).doUpdateSet((eb) => ({ count: eb('answer_rollup_agent.count', '+', eb.ref('excluded.count')) }))),
    )
    .with('agent_monthly', (db) =>
      db
        .insertInto('answer_rollup_agent_monthly')
        .values(byMonth.map((c) => ({ month: day(c.day), metric: c.metric, agent: c.agent, score: c.score, count: c.count })))
        .onConflict((oc) =>
          oc.columns(['month', 'metric', 'agent', 'score']).doUpdateSet((eb) => ({ count: eb('answer_rollup_agent_monthly.count', '+', eb.ref('excluded.count')) })),
        ),
    )
    .insertInto('answer_rollup')
    .values(
      fine.map((c) => ({
        day: day(c.day),
        metric: c.metric,
        channel: c.channel,
        locale: c.locale,
        agent: c.agent,
        service_type: c.serviceType,
        point_of_service: c.pointOfService,
        score: c.score,
        count: c.count,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['day', 'metric', 'channel', 'locale', 'agent', 'service_type', 'point_of_service', 'score'])
        .doUpdateSet((eb) => ({ count: eb('answer_rollup.count', '+', eb.ref('excluded.count')) })),
    );
  await execute(tx, statement);
}
