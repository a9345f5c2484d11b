import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { type DatabaseHandle, dataSourceOptions, execute, executeCount, executeTakeFirst, qb } from '@turbota/persistence';
import { databaseKind, openMigratedTestDatabase } from '../support/test-database';

jest.setTimeout(60_000);

describe(`typed queries on TypeORM's connections (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let db: DataSource;

  beforeAll(async () => {
    database = await openMigratedTestDatabase();
    db = await new DataSource(dataSourceOptions(database)).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.close();
  });
  beforeEach(() => db.query('DELETE FROM pii_key'));

  const keyIds = async (on: DataSource = db) =>
    (await execute(on, qb.selectFrom('pii_key').select('key_id').orderBy('key_id'))).map((r) => r.key_id);

  it('answers the rows of an INSERT ... RETURNING and of a SELECT, under the names selected', async () => {
    const inserted = await execute(db, qb.insertInto('pii_key').values([{ key_id: 'aa' }, { key_id: 'bb' }]).returning(['key_id', 'retired_at']));
    expect(inserted).toEqual([
      { key_id: 'aa', retired_at: null },
      { key_id: 'bb', retired_at: null },
    ]);
    const row = await executeTakeFirst(db, qb.selectFrom('pii_key').select(['key_id as keyId', 'first_used_at as firstUsedAt']).where('key_id', '=', 'bb'));
    expect(row?.keyId).toBe('bb');
    expect(row?.firstUsedAt).toBeInstanceOf(Date);
    expect(await executeTakeFirst(db, qb.selectFrom('pii_key').select('key_id').where('key_id', '=', 'zz'))).toBeUndefined();
  });

  it("answers an UPDATE ... RETURNING's rows (not TypeORM's [rows, count]) and an UPDATE's count", async () => {
    await execute(db, qb.insertInto('pii_key').values([{ key_id: 'aa' }, { key_id: 'bb' }, { key_id: 'cc' }]));
    const retiredAt = new Date('2026-01-02T03:04:05Z');
    const updated = await execute(db, qb.updateTable('pii_key').set({ retired_at: retiredAt }).where('key_id', '<>', 'aa').returning('key_id'));
    expect(updated.sort((a, b) => a.key_id.localeCompare(b.key_id))).toEqual([{ key_id: 'bb' }, { key_id: 'cc' }]);
    expect(await executeCount(db, qb.updateTable('pii_key').set({ retired_at: null }).where('retired_at', 'is not', null))).toBe(2);
    expect(await executeCount(db, qb.deleteFrom('pii_key').where('key_id', '=', 'none'))).toBe(0);
    expect(await executeCount(db, qb.deleteFrom('pii_key').where('key_id', 'in', ['aa', 'bb']))).toBe(2);
    expect(await keyIds()).toEqual(['cc']);
  });

  it("runs on the transaction's connection: what it wrote goes when the transaction rolls back", async () => {
    await execute(db, qb.insertInto('pii_key').values({ key_id: 'kept' }));
    await expect(
      db.transaction(async (tx) => {
        await execute(tx, qb.insertInto('pii_key').values({ key_id: 'rolled' }));
        const [row] = await execute(tx, qb.updateTable('pii_key').set({ retired_at: new Date() }).where('key_id', '=', 'kept').returning(['key_id', 'retired_at']));
        expect(row.retired_at).toBeInstanceOf(Date);
        // Inside the transaction both changes are seen.
        expect((await execute(tx, qb.selectFrom('pii_key').select('key_id').orderBy('key_id'))).map((r) => r.key_id)).toEqual(['kept', 'rolled']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await execute(db, qb.selectFrom('pii_key').select(['key_id', 'retired_at']))).toEqual([{ key_id: 'kept', retired_at: null }]);
  });

  it('runs a sql template with its row type, and gives back the connections it takes', async () => {
    await execute(db, qb.insertInto('pii_key').values([{ key_id: 'aa' }, { key_id: 'bb' }]));
    // More queries than the pool has connections: a runner kept would leave the last ones waiting.
    for (let i = 0; i < 12; i++) {
      const rows = await execute(db, sql<{ ids: string[] }>`SELECT array_agg(key_id ORDER BY key_id) AS ids FROM pii_key WHERE key_id = ANY(${['aa', 'bb', 'cc']}::text[])`);
      expect(rows).toEqual([{ ids: ['aa', 'bb'] }]);
    }
  });
});
