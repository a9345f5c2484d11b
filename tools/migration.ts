/**
 * Migrations on the embedded database or on DATABASE_URL:
 *   run                 apply pending migrations
 *   revert              undo the newest applied migration
 *   generate <Name>     write a migration that brings the schema in line with the entities
 *   check               on a fresh database, fail when the entities and the migrations disagree
 */
import 'reflect-metadata';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@turbota/config';
import {
  createScratchDatabase,
  DatabaseHandle,
  dataSourceOptions,
  openDatabase,
  openEmbeddedDatabase,
  pendingSchemaChanges,
  runMigrations,
} from '@turbota/persistence';

const MIGRATIONS_DIR = join('libs', 'persistence', 'src', 'migrations');

async function main([command, name]: string[]): Promise<number> {
  const config = loadConfig(process.env);
  switch (command) {
    case 'run':
      return withDataSource(await openDatabase(config), async (ds) => {
        const applied = await runMigrations(ds);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
        return 0;
      });
    case 'revert':
      return withDataSource(await openDatabase(config), async (ds) => {
        await ds.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the newest migration.');
        return 0;
      });
    case 'generate':
      if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
        console.error('Usage: npm run migration:generate -- <Name> (PascalCase, e.g. AddIncidents)');
        return 2;
      }
      return withDataSource(await openDatabase(config), async (ds) => {
        await runMigrations(ds);
        const changes = await pendingSchemaChanges(ds);
        if (changes.up.length === 0) {
          console.log('The entities and the migrations agree; nothing to generate.');
          return 0;
        }
        console.log(`Wrote ${writeMigration(name, changes)}`);
        return 0;
      });
    case 'check': {
      const database = config.databaseUrl
        ? await createScratchDatabase(config.databaseUrl, 'migration_check')
        : await openEmbeddedDatabase({});
      return withDataSource(database, async (ds) => {
        await runMigrations(ds);
        const changes = await pendingSchemaChanges(ds);
        if (changes.up.length === 0) {
          console.log('Migrations agree with the entities.');
          return 0;
        }
        console.error('The entities and the migrations disagree; a migration would need:');
        for (const query of changes.up) console.error(`  ${query};`);
        console.error('Run `npm run migration:generate -- <Name>` and commit the result.');
        return 1;
      });
    }
    default:
      console.error('Usage: migration run | revert | generate <Name> | check');
      return 2;
  }
}

async function withDataSource(database: DatabaseHandle, work: (ds: DataSource) => Promise<number>): Promise<number> {
  const ds = new DataSource(dataSourceOptions(database));
  try {
    await ds.initialize();
    return await work(ds);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await database.close();
  }
}

function writeMigration(name: string, changes: { up: string[]; down: string[] }): string {
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const statements = (queries: string[]) =>
    queries.map((q) => `    await queryRunner.query(\`${q.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${')}\`);`).join('\n');
  const file = join(MIGRATIONS_DIR, `${timestamp}-${name}.ts`);
  writeFileSync(
    file,
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${statements(changes.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${statements(changes.down)}
  }
}
`,
  );
  writeMigrationIndex();
  return file;
}

// The index lists every migration file in name (timestamp) order.
function writeMigrationIndex(): void {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
    .sort();
  const classes = files.map((f) => {
    const [timestamp, name] = f.replace(/\.ts$/, '').split('-');
    return { file: f.replace(/\.ts$/, ''), className: `${name}${timestamp}` };
  });
  writeFileSync(
    join(MIGRATIONS_DIR, 'index.ts'),
    `${classes.map((c) => `import { ${c.className} } from './${c.file}';`).join('\n')}

/** Applied in this order; \`npm run migration:generate -- <Name>\` rewrites this list. */
export const MIGRATIONS = [${classes.map((c) => c.className).join(', ')}];
`,
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
