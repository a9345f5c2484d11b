/**
 * `.env.example` from the config schema:
 *   write    (npm run env:example) writes it
 *   check    (npm run env:check, CI) fails, naming the variables, when it is stale
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { renderEnvExample, staleEnvExampleVariables } from '@turbota/config';

const FILE = '.env.example';

function main(command: string | undefined): number {
  const expected = renderEnvExample();
  if (command === 'write') {
    writeFileSync(FILE, expected);
    console.log(`Wrote ${FILE}`);
    return 0;
  }
  if (command !== 'check') {
    console.error('Usage: env-example write|check');
    return 2;
  }
  if (!existsSync(FILE)) {
    console.error(`${FILE} is missing: run npm run env:example`);
    return 1;
  }
  const current = readFileSync(FILE, 'utf8');
  if (current === expected) return 0;
  const stale = staleEnvExampleVariables(current);
  const what = stale.length > 0 ? `these variables differ from the config schema: ${stale.join(', ')}` : 'its header differs';
  console.error(`${FILE} is stale (${what}): run npm run env:example and commit it`);
  return 1;
}

process.exitCode = main(process.argv[2]);
