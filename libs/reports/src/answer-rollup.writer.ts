import type { EntityManager } from 'typeorm';
import { RollupAnswer, rollupIncrements } from './rollup-increments';

const COLUMNS = ['day', 'metric', 'channel', 'locale', 'agent', 'service_type', 'point_of_service', 'score', 'count'];
const KEY = COLUMNS.slice(0, -1).map((c) => `"${c}"`).join(', ');
const PER_STATEMENT = 1000;

/**
 * Adds answers to the score histograms in `answer_rollup`. Call it with the transaction
 * that writes the answers, so the histograms and the answers never disagree.
 */
export async function addToRollups(tx: EntityManager, answers: readonly RollupAnswer[]): Promise<void> {
  const increments = rollupIncrements(answers);
  for (let start = 0; start < increments.length; start += PER_STATEMENT) {
    const chunk = increments.slice(start, start + PER_STATEMENT);
    const parameters: unknown[] = [];
    const rows = chunk.map((c) => {
      const values = [c.day, c.metric, c.channel, c.locale, c.agent, c.serviceType, c.pointOfService, c.score, c.count];
      const placeholders = values.map((value) => `$${parameters.push(value)}`);
      return `(${placeholders[0]}::date, ${placeholders.slice(1).join(', ')})`;
    });
    await tx.query(
      `INSERT INTO "answer_rollup" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES ${rows.join(', ')}
       ON CONFLICT (${KEY}) DO UPDATE SET "count" = "answer_rollup"."count" + excluded."count"`,
      parameters,
    );
  }
}
