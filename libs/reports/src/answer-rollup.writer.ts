import type { EntityManager } from 'typeorm';
import { coarseRollupIncrements, RollupAnswer, rollupIncrements } from './rollup-increments';

const PER_STATEMENT = 1000;

/** A rollup table: its key columns (in the order the increments give them) and the count it adds to. */
interface RollupTable {
  name: string;
  key: readonly string[];
}

const FINE: RollupTable = { name: 'answer_rollup', key: ['day', 'metric', 'channel', 'locale', 'agent', 'service_type', 'point_of_service', 'score'] };
const COARSE: RollupTable = { name: 'answer_rollup_daily', key: ['day', 'metric', 'channel', 'locale', 'score'] };

/**
 * Adds answers to the score histograms in `answer_rollup` and its coarse twin
 * `answer_rollup_daily`. Call it with the transaction that writes the answers, so the
 * histograms and the answers never disagree. Every fine row is locked before any coarse
 * one, each table in key order, so concurrent writers never deadlock.
 */
export async function addToRollups(tx: EntityManager, answers: readonly RollupAnswer[]): Promise<void> {
  const fine = rollupIncrements(answers);
  const fineRows = fine.map((c) => [c.day, c.metric, c.channel, c.locale, c.agent, c.serviceType, c.pointOfService, c.score, c.count]);
  await upsertCounts(tx, FINE, fineRows);
  const coarseRows = coarseRollupIncrements(fine).map((c) => [c.day, c.metric, c.channel, c.locale, c.score, c.count]);
  await upsertCounts(tx, COARSE, coarseRows);
}

/** Adds each row's count (its last value) to the table's row with the same key, creating it if new. */
async function upsertCounts(tx: EntityManager, table: RollupTable, rows: readonly unknown[][]): Promise<void> {
  const columns = [...table.key, 'count'].map((c) => `"${c}"`).join(', ');
  const key = table.key.map((c) => `"${c}"`).join(', ');
  for (let start = 0; start < rows.length; start += PER_STATEMENT) {
    const parameters: unknown[] = [];
    const tuples = rows.slice(start, start + PER_STATEMENT).map((values) => {
      const placeholders = values.map((value) => `$${parameters.push(value)}`);
      // The day comes first in every key and is sent as text.
      return `(${placeholders[0]}::date, ${placeholders.slice(1).join(', ')})`;
    });
    await tx.query(
      `INSERT INTO "${table.name}" (${columns}) VALUES ${tuples.join(', ')}
       ON CONFLICT (${key}) DO UPDATE SET "count" = "${table.name}"."count" + excluded."count"`,
      parameters,
    );
  }
}
