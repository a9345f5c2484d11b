import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DatabaseHandle } from './embedded-database';

/**
 * Creates an empty database beside the one `serverUrl` names (tests, the migration check),
 * or a copy of `template`, and drops it on close, so every run starts from a known state.
 */
export async function createScratchDatabase(serverUrl: string, purpose: string, options: { template?: string } = {}): Promise<DatabaseHandle> {
  const name = `turbota_${purpose}_${randomBytes(6).toString('hex')}`;
  const template = options.template ? ` TEMPLATE "${options.template}"` : '';
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"${template}`));
  const drop = async () => {
    await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    close: drop,
  };
}

/** One connection to the server at `url` for the work, closed after it. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
