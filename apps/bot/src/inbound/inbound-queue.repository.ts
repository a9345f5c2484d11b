import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import type { ContactContext, InboundInput } from '@turbota/conversations';
import { sql } from 'kysely';
import { execute, executeTakeFirst, qb, type QueryTarget } from '@turbota/persistence';
import { PiiCipher, PiiDecryptionError } from '@turbota/privacy';
import { KeyedLeaseQueue, type QueueTable } from '@turbota/server';
import { GroupCommit } from './group-commit';

/** Rows of one INSERT at most (5 parameters each, far below PostgreSQL's 65,535). */
const MAX_INSERT_ROWS = 500;

interface QueueRow {
  channel: string;
  address: string;
  key: string;
  event: Buffer;
  receivedAt: Date;
}

/** An input kept for the worker: what `ConversationService.handle` takes, sealed at rest. */
export interface QueuedInput {
  channel: string;
  address: string;
  inbound: InboundInput;
  context: ContactContext;
  /** The W3C `traceparent` of the webhook that queued it (tracing on), kept in the sealed event: no column for it. */
  trace?: string | null;
}

/** A queued input a worker has leased. */
export interface ClaimedInput extends QueuedInput {
  id: string;
  attempts: number;
}

/** Inputs as webhooks brought them, one customer address on one channel a key, in the order they came. */
const INBOUND_QUEUE: QueueTable<'inbound_update'> = {
  table: 'inbound_update',
  id: 'id',
  seq: 'id',
  dueAt: 'available_at',
  state: { failedAt: 'failed_at' },
  sameKey: (a, b) => sql`${a('channel')} = ${b('channel')} AND ${a('address')} = ${b('address')}`,
  claimOrder: ['id'],
};

/**
 * The `inbound_update` queue. Claims lease the oldest rows whose address has nothing older
 * still queued (so an address's inputs apply in the order they came), skipping rows another
 * process holds; a process that dies mid-step leaves its rows to be claimed when the lease ends.
 */
@Injectable()
export class InboundQueueRepository {
  private readonly logger = new Logger('InboundQueue');
  private readonly inserts = new GroupCommit<QueueRow>((rows) => this.insert(rows), { maxBatch: MAX_INSERT_ROWS, refusedForAnItem: isDataError });
  private readonly queue: KeyedLeaseQueue<'inbound_update'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cipher: PiiCipher,
  ) {
    this.queue = new KeyedLeaseQueue(INBOUND_QUEUE, dataSource, clock);
  }

  /**
   * Stores an input; one already queued under the same key (a re-delivery) is left as it is.
   * Inputs that come while an earlier INSERT is in flight are stored together by the next.
   */
  enqueue(input: QueuedInput): Promise<void> {
    const { channel, address, inbound, context, trace } = input;
    const event = this.cipher.seal(JSON.stringify({ inbound, context, ...(trace ? { trace } : {}) }));
    return this.inserts.add({ channel, address, key: inbound.key, event, receivedAt: this.clock.now() });
  }

  private async insert(rows: QueueRow[]): Promise<void> {
    await execute(
      this.dataSource,
      qb
        .insertInto('inbound_update')
        .values(rows.map((r) => ({ channel: r.channel, address: r.address, input_key: r.key, event: r.event, received_at: r.receivedAt, available_at: r.receivedAt })))
        .onConflict((oc) => oc.constraint('uq_inbound_update_key').doNothing()),
    );
  }

  /** Whether anything at all waits (for a process deciding whether its webhooks may apply inputs at once). */
  async waiting(): Promise<boolean> {
    return (await executeTakeFirst(this.dataSource, qb.selectFrom('inbound_update').select('id').where('failed_at', 'is', null).limit(1))) !== undefined;
  }

  async claim(options: { limit: number; leaseMs: number }): Promise<ClaimedInput[]> {
    const rows = await this.queue.claim({ ...options, returning: ['q.id', 'q.channel', 'q.address', 'q.event', 'q.attempts'] });
    const claimed: ClaimedInput[] = [];
    for (const r of rows.sort((a, b) => Number(a.id) - Number(b.id))) {
      const event = this.open(r.event);
      if (event) claimed.push({ id: r.id, channel: r.channel, address: r.address, attempts: r.attempts, ...event });
      else {
        this.logger.error(`Queued input ${r.id} on ${r.channel} is given up on at once: it is sealed with a key this process does not have`);
        await this.failed(r.id, { delayMs: 0, error: 'sealed with a key that is no longer configured', final: true });
      }
    }
    return claimed;
  }

  private open(sealed: Buffer): Pick<QueuedInput, 'inbound' | 'context' | 'trace'> | null {
    try {
      return JSON.parse(this.cipher.open(sealed)) as Pick<QueuedInput, 'inbound' | 'context' | 'trace'>;
    } catch (error) {
      if (error instanceof PiiDecryptionError) return null;
      throw error;
    }
  }

  /** The inputs are applied (or were duplicates): they leave the queue; `on` the transaction that applied them, where there is one. */
  async done(ids: string[], on: QueryTarget = this.dataSource): Promise<void> {
    if (ids.length > 0) await execute(on, qb.deleteFrom('inbound_update').where('id', '=', sql<string>`ANY(${ids}::bigint[])`));
  }

  /** Tries again after `delayMs`, or, `final`, gives up on it (kept with its error for an operator). */
  async failed(id: string, options: { delayMs: number; error: string; final: boolean }): Promise<void> {
    if (options.final) await this.queue.fail(id, options.error);
    else await this.queue.retry(id, { delayMs: options.delayMs, error: options.error, counts: true });
  }
}

/** A refusal for what a row holds (SQLSTATE classes 22, data exception, and 23, integrity constraint), not for the database being away. */
function isDataError(error: unknown): boolean {
  const code = error instanceof QueryFailedError ? (error.driverError as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^2[23]/.test(code);
}
