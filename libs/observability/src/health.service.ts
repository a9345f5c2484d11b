import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@turbota/config';

export interface HealthReport {
  status: 'ok' | 'error';
  database: { status: 'up' | 'down'; latencyMs?: number; error?: string };
}

/** What `/health/ready` answers: the database's report, or that the process is shutting down. */
export type ReadinessReport = HealthReport | { status: 'draining' };

const DATABASE_TIMEOUT_MS = 3_000;

@Injectable()
export class HealthService {
  private draining = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * From now until the process exits, readiness fails: called first on SIGTERM, so that a load
   * balancer stops sending new requests; resolves after SHUTDOWN_DELAY_SECONDS, the time it has
   * to notice while the process still serves, before the server stops taking connections.
   */
  async drain(): Promise<void> {
    this.draining = true;
    await sleep(this.config.http.shutdownDelaySeconds * 1_000);
  }

  /** Ready for traffic: not draining, and the database answers. */
  async readiness(): Promise<ReadinessReport> {
    if (this.draining) return { status: 'draining' };
    return this.check();
  }

  /** Asks the database a trivial question, giving up after a few seconds. */
  async check(): Promise<HealthReport> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)), DATABASE_TIMEOUT_MS);
        }),
      ]);
      return { status: 'ok', database: { status: 'up', latencyMs: Date.now() - started } };
    } catch (error) {
      return { status: 'error', database: { status: 'down', error: (error as Error).message } };
    } finally {
      clearTimeout(timer);
    }
  }
}
