import type { DataSource } from 'typeorm';
import { NotFoundError } from '@turbota/common';
import type { AppConfig } from '@turbota/config';
import type { CustomerErasureService } from '@turbota/triggers';
import { RetentionPurge } from './retention-purge';

/** A data source whose every statement answers what `answer` gives for its SQL (no database: this is about the round's bookkeeping). */
function fakeDataSource(answer: (sql: string) => { records?: unknown[]; affected?: number }): DataSource {
  const runner = { query: (sql: string) => Promise.resolve(answer(sql)), release: () => Promise.resolve() };
  return { manager: { queryRunner: undefined, dataSource: { createQueryRunner: () => runner } } } as unknown as DataSource;
}

function purge(erase: (id: string) => Promise<void>) {
  const dataSource = fakeDataSource((sql) => {
    if (sql.startsWith('select "c"."id" from "customer"')) return { records: [{ id: 'erased-elsewhere' }, { id: 'silent' }] };
    if (sql.startsWith('with "purged"')) return { records: [{ n: 2 }] };
    return { affected: 3 };
  });
  const clock = { now: () => new Date('2026-12-01T00:00:00Z') };
  const config = { piiRetentionDays: 30 } as AppConfig;
  return new RetentionPurge(dataSource, clock, config, { erase } as unknown as CustomerErasureService);
}

describe('RetentionPurge', () => {
  it('counts what each statement purged and skips a customer another process erased first', async () => {
    const erase = jest.fn((id: string) => (id === 'erased-elsewhere' ? Promise.reject(new NotFoundError(`No customer ${id}`)) : Promise.resolve()));
    expect(await purge(erase).round()).toEqual({ customers: 1, complaints: 2, contacts: 3, answers: 3, feedback: 3, messages: 3, inputs: 6 });
    expect(erase.mock.calls).toEqual([['erased-elsewhere'], ['silent']]);
  });

  it('fails the round when an erasure fails for another reason', async () => {
    await expect(purge(() => Promise.reject(new Error('connection lost'))).round()).rejects.toThrow('connection lost');
  });
});
