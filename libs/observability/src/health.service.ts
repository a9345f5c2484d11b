import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface HealthReport {
  status: 'ok' | 'error';
  database: { status: 'up' | 'down'; latencyMs?: number; error?: string };
}

const DATABASE_TIMEOUT_MS = 3_000;

@Injectable()
export class HealthService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
