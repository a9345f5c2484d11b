import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** File in DATA_DIR holding the one-time link that creates the first admin, while no person exists. */
export const SETUP_URL_FILE = 'setup-url';

export function setupLinkFile(dataDir: string): string {
  return join(resolve(dataDir), SETUP_URL_FILE);
}

/** Writes the setup link readable by its owner only. */
export function writeSetupLinkFile(dataDir: string, link: string): string {
  mkdirSync(resolve(dataDir), { recursive: true });
  const file = setupLinkFile(dataDir);
  writeFileSync(file, `${link}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its mode through writeFileSync
  return file;
}

export function removeSetupLinkFile(dataDir: string): void {
  rmSync(setupLinkFile(dataDir), { force: true });
}
