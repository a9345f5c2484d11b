import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { queryOnce } from './bench-database';
import { sleep } from './scenario';

/** How long the bench waits, after a step, for a Turbota database to catch up with what it acknowledged. */
// Long enough for a 500/s step's backlog here, so that the next system's step does not share the machine with it.
const DRAIN_TIMEOUT_MS = 60_000;
const POLL_MS = 200;

/** What a Turbota system had processed of a step, and how long after the step it took. */
export interface Drain {
  /** Inputs stored (conversation_input rows) since the step began. */
  processed: number;
  /** Updates still waiting in the inbound queue (inbound_update) at the last look; 0 where there is none. */
  queued: number;
  /** From the end of the step's window until the database showed everything processed (0: it did at the first look). */
  drainMs: number;
  /** False when the timeout came first. */
  complete: boolean;
}

/** Inputs a Turbota database holds: count before a step, to see what the step added. */
export async function storedInputs(url: string): Promise<number> {
  const [{ n }] = await queryOnce<{ n: number }>(url, 'SELECT count(*)::int AS n FROM conversation_input');
  return n;
}

/**
 * Polls a Turbota database until its inputs have grown by `acknowledged` since `inputsBefore`
 * and its inbound queue (if the schema has one) is empty, or the timeout passes. A webhook may
 * be acknowledged once stored in the queue and processed afterwards: the HTTP figures alone
 * would then flatter the system.
 */
export async function waitForProcessing(url: string, step: { inputsBefore: number; acknowledged: number; windowEndedAt: number }): Promise<Drain> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [{ queue }] = (await client.query<{ queue: boolean }>(`SELECT to_regclass('inbound_update') IS NOT NULL AS queue`)).rows;
    const deadline = performance.now() + DRAIN_TIMEOUT_MS;
    for (let look = 0; ; look++) {
      const [{ inputs, queued }] = (
        await client.query<{ inputs: number; queued: number }>(
          `SELECT (SELECT count(*)::int FROM conversation_input) AS inputs, ${queue ? '(SELECT count(*)::int FROM inbound_update)' : '0'} AS queued`,
        )
      ).rows;
      const processed = inputs - step.inputsBefore;
      const complete = processed >= step.acknowledged && queued === 0;
      const now = performance.now();
      if (complete || now >= deadline) return { processed, queued, complete, drainMs: complete && look === 0 ? 0 : Math.max(0, now - step.windowEndedAt) };
      await sleep(POLL_MS);
    }
  } finally {
    await client.end();
  }
}
