import { readFileSync } from 'node:fs';
import { projectPath } from '@turbota/common';
import { parseStandardTable, type StandardTable } from './standard-table';

const FILE = 'config/standard.json';

/** Reads and checks a standard file; a broken one throws naming the file and each wrong field. */
export function readStandardFile(path: string, file = FILE): StandardTable {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${file} cannot be read as JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = parseStandardTable(json);
  if (!parsed.ok) throw new Error(`${file} is not valid: ${parsed.errors.map((e) => `${e.field}: ${e.problems.join('; ')}`).join('; ')}`);
  return parsed.value;
}

/** Injection token of the checked `config/standard.json`, the seed of version 1. */
export const DEFAULT_STANDARD = Symbol('DEFAULT_STANDARD');

/** Reads `config/standard.json` at start-up, even when version 1 exists, so a broken file never waits to be found. */
export const defaultStandardProvider = {
  provide: DEFAULT_STANDARD,
  useFactory: (): StandardTable => readStandardFile(projectPath(FILE)),
};

/** Who version 1 is recorded as created by. */
export const SEED_AUTHOR = FILE;
