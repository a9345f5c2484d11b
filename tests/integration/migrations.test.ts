import { DataSource } from 'typeorm';
import { DatabaseHandle, dataSourceOptions, MIGRATIONS, pendingSchemaChanges, runMigrations } from '@turbota/persistence';
import { databaseKind, openTestDatabase } from '../support/test-database';

describe(`migrations (${databaseKind})`, () => {
  let database: DatabaseHandle;
  const sources: DataSource[] = [];

  const connect = async () => {
    const ds = await new DataSource(dataSourceOptions(database)).initialize();
    sources.push(ds);
    return ds;
  };

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    for (const ds of sources) if (ds.isInitialized) await ds.destroy();
    await database.close();
  });

  it('builds the whole schema on an empty database, agreeing with the entities', async () => {
    const ds = await connect();
    const applied = await runMigrations(ds);
    expect(applied).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await pendingSchemaChanges(ds)).toEqual({ up: [], down: [] });
  });

  it('applies nothing the second time', async () => {
    expect(await runMigrations(await connect())).toEqual([]);
  });

  it('reverts every migration and applies them again', async () => {
    const ds = await connect();
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const tables = await ds.query<unknown[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(tables).toEqual([]);
    expect(await runMigrations(ds)).toHaveLength(MIGRATIONS.length);
  });

  (isSharedServer() ? it : it.skip)('lets several processes start at once: each migration runs once', async () => {
    const fresh = await openTestDatabase();
    const racers = await Promise.all([1, 2, 3].map(() => new DataSource(dataSourceOptions(fresh)).initialize()));
    try {
      const results = await Promise.all(racers.map((ds) => runMigrations(ds)));
      expect(results.flat().sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    } finally {
      for (const ds of racers) await ds.destroy();
      await fresh.close();
    }
  });
});

// Only a server has several sessions; the embedded database is owned by one process.
function isSharedServer(): boolean {
  return Boolean(process.env.TEST_DATABASE_URL);
}
