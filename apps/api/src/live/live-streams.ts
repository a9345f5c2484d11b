import { BeforeApplicationShutdown, Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Principal } from '@turbota/auth';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { LiveChangeFeed } from '@turbota/live';
import { ConcurrencySlots, tooManyRequests } from '@turbota/server';
import { credentialOf, type LiveHolder, LiveHolders } from './live-holders';
import { LiveStream } from './live-stream';

/** How often the streams' credentials are checked (one query for all) and quiet streams get a heartbeat. */
const SWEEP_MS = 3_000;
/** A refused stream is worth trying again once another has ended. */
const RETRY_AFTER_SECONDS = 30;

/**
 * The console's live streams in this process: each is admitted within the limits per holder and
 * per process, fed by the one change feed of the process, kept alive by heartbeats, and closed
 * within seconds once its session ends (signed out, expired, person deactivated) or its key is
 * revoked. Every stream ends when the application shuts down, so none holds a graceful stop open.
 */
@Injectable()
export class LiveStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveStreams');
  private readonly open = new Map<LiveStream, () => void>();
  private readonly perHolder: ConcurrencySlots;
  /** Streams admitted, open or still being set up (so that a burst cannot slip past the limit together). */
  private admitted = 0;
  private readonly sweeper: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly feed: LiveChangeFeed,
    private readonly holders: LiveHolders,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.perHolder = new ConcurrencySlots(config.live.streamsPerHolder);
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS).unref();
  }

  /** Serves one stream until the client goes, its credential stops holding, or the process stops. */
  async serve(principal: Principal, resumeFrom: string | undefined, req: Request, res: Response): Promise<void> {
    const holder = holderOf(principal);
    const release = this.admit(holder, res);
    let gone = false;
    req.once('close', () => (gone = true));
    const stream = new LiveStream(holder, res);
    let unsubscribe: () => void;
    try {
      unsubscribe = await this.feed.subscribe((events) => stream.send(events), resumeFrom);
    } catch (error) {
      release();
      throw error;
    }
    const stop = () => {
      if (!this.open.delete(stream)) return;
      unsubscribe();
      release();
      stream.end();
    };
    this.open.set(stream, stop);
    if (gone) return stop();
    req.once('close', stop);
    stream.start();
  }

  /** A place for one more stream of the holder (a function that gives it back), or 429 / 503 with Retry-After. */
  private admit(holder: LiveHolder, res: Response): () => void {
    if (this.admitted >= this.config.live.streamsPerProcess) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new ServiceUnavailableException(`This server holds its ${this.config.live.streamsPerProcess} live streams already; retry after ${RETRY_AFTER_SECONDS} s`);
    }
    const releaseSlot = this.perHolder.take(holder.kind === 'session' ? `person:${holder.personId}` : `key:${holder.keyId}`);
    if (!releaseSlot) throw tooManyRequests(res, RETRY_AFTER_SECONDS, `${this.config.live.streamsPerHolder} live streams are open for you already`);
    this.admitted += 1;
    return () => {
      this.admitted -= 1;
      releaseSlot();
    };
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.sweeper);
    for (const stop of [...this.open.values()]) stop();
  }

  /** Ends the streams whose credentials no longer hold, and keeps the quiet ones alive. */
  private async sweep(): Promise<void> {
    if (this.open.size === 0 || this.sweeping) return;
    this.sweeping = true;
    try {
      const streams = [...this.open.keys()];
      const valid = await this.holders.stillValid(streams.map((stream) => stream.holder));
      for (const stream of streams) if (!valid.has(credentialOf(stream.holder))) this.open.get(stream)?.();
    } catch (error) {
      // The database is away for a moment: the streams stay, and the next sweep asks again.
      this.logger.warn(`Could not check the live streams' credentials: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
    const now = Date.now();
    for (const stream of this.open.keys()) stream.beat(now);
  }
}

function holderOf(principal: Principal): LiveHolder {
  return principal.kind === 'person' ? { kind: 'session', sessionId: principal.sessionId, personId: principal.personId } : { kind: 'key', keyId: principal.keyId };
}
