import { cpus, loadavg, totalmem } from 'node:os';
import { createBenchDatabase, postgresVersion } from './bench-database';
import { parseOptions, type ScenarioName } from './options';
import { ROOT } from './processes';
import { type Machine, type ScenarioResult, textTable, writeResults } from './report';
import type { BenchContext, Scenario } from './scenario';
import { embeddedScenario } from './scenarios/embedded';
import { importScenario } from './scenarios/import';
import { ingestScenario } from './scenarios/ingest';
import { memoryScenario } from './scenarios/memory';
import { outboundScenario } from './scenarios/outbound';
import { reportsScenario } from './scenarios/reports';
import { scaleScenario } from './scenarios/scale';
import { stepsScenario } from './scenarios/steps';

const RUNNERS: Record<ScenarioName, Scenario> = {
  ingest: ingestScenario,
  steps: stepsScenario,
  embedded: embeddedScenario,
  reports: reportsScenario,
  outbound: outboundScenario,
  memory: memoryScenario,
  import: importScenario,
  scale: scaleScenario,
};

const write = (line: string) => process.stdout.write(`${line}\n`);

/** `npm run bench`: runs the chosen scenarios on a database of their own and writes the figures. */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = Date.now();
  const probe = await createBenchDatabase('probe');
  const machine: Machine = {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: await postgresVersion(probe.url).finally(() => probe.drop()),
    loadAverage: loadavg(),
  };
  const log = (m: string) => write(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${m}`);
  const results: ScenarioResult[] = [];
  for (const name of options.only) {
    log(`${name}: starting`);
    const database = await createBenchDatabase(name);
    const context: BenchContext = { options, database, log };
    try {
      results.push(await RUNNERS[name](context));
    } catch (error) {
      // One broken scenario must not cost the figures of the others.
      console.error(error);
      results.push({ name, title: name, columns: ['status'], rows: [[`failed: ${(error as Error).message.split('\n')[0]}`]], verdicts: [], notes: [], raw: { error: String(error) } });
    } finally {
      await database.drop();
    }
    const result = results[results.length - 1];
    write(`\n${result.title}\n${textTable(result)}\n${[...result.verdicts, ...result.notes].map((l) => `  - ${l}`).join('\n')}\n`);
  }
  const mode = `${options.quick ? 'quick' : 'full'}, ${((Date.now() - startedAt) / 60_000).toFixed(1)} min`;
  for (const path of writeResults(ROOT, machine, mode, results)) write(`Wrote ${path}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
