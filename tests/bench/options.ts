/** The scenarios `npm run bench` knows, in the order they run. */
export const SCENARIOS = ['ingest', 'steps', 'embedded', 'reports', 'outbound', 'memory', 'import', 'scale'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
/** What runs without `--only`: the scale-out (four Turbota processes) only when asked for. */
const DEFAULT_SCENARIOS: ScenarioName[] = ['ingest', 'steps', 'embedded', 'reports', 'outbound', 'memory', 'import'];

/** Sizes of one run; `--quick` picks the small set, single flags override either. */
export interface BenchOptions {
  only: ScenarioName[];
  quick: boolean;
  /** Offered webhook rates, updates a second, one step each. */
  rates: number[];
  /** The same for the embedded database (`npm start`). */
  embeddedRates: number[];
  stepSeconds: number;
  /** Sockets the load generator keeps open at once (the open-loop's concurrency cap). */
  concurrency: number;
  /** New customers each system takes in the closed-loop steps bench (their `/start`, then their taps). */
  steps: number;
  invitations: number;
  /** Reporting the invitations' contacts stops here even if fewer exist. */
  createSeconds: number;
  dialogues: number;
  /** The memory scenario stops here even if fewer dialogues are open. */
  memorySeconds: number;
  answers: number;
  /**
   * How the reports bench loads its answers: through the responses import (the public way in,
   * about 5,000 rows/s here), or in bulk by SQL with the same rows and the rollups summed from
   * them as the migrations fill them, for sizes the import would take too long for (10,000,000).
   */
  answersBy: 'import' | 'sql';
  importRows: number;
  /**
   * Lines of the contacts import. Full size is 40,000, not a million: each invitation opens a
   * conversation, and 10,000 lines took 91 s on this machine while busy (load average 6), so a
   * million would take hours and break Node's 300 s request timeout; 40,000 should fit in about
   * two minutes on a quiet machine.
   */
  contactRows: number;
  /** Also runs Turbota with no drawn questions in the ingest, to isolate what drawing costs. */
  drawVariant: boolean;
  /** Also runs Turbota as two bot processes in the ingest: webhooks in one (INBOUND_WORKER=false), dialogue steps in the other. */
  splitVariant: boolean;
}

const FULL: Omit<BenchOptions, 'only' | 'quick' | 'drawVariant' | 'splitVariant' | 'answersBy'> = {
  rates: [100, 200, 300, 500],
  embeddedRates: [50, 100, 200],
  stepSeconds: 8,
  concurrency: 64,
  steps: 3_000,
  invitations: 10_000,
  createSeconds: 45,
  dialogues: 100_000,
  memorySeconds: 100,
  answers: 300_000,
  importRows: 1_000_000,
  contactRows: 20_000,
};
const QUICK: Omit<BenchOptions, 'only' | 'quick' | 'drawVariant' | 'splitVariant' | 'answersBy'> = {
  rates: [100, 300],
  embeddedRates: [50],
  stepSeconds: 4,
  concurrency: 64,
  steps: 1_000,
  invitations: 500,
  createSeconds: 15,
  dialogues: 5_000,
  memorySeconds: 20,
  answers: 50_000,
  importRows: 20_000,
  contactRows: 10_000,
};

const USAGE = `npm run bench -- [--quick | --size=quick|full] [--only=${SCENARIOS.join(',')}]
  [--rates=100,200,300,500] [--embedded-rates=50,100,200] [--step-seconds=8] [--concurrency=64] [--steps=3000] [--invitations=10000]
  [--create-seconds=45] [--dialogues=100000] [--memory-seconds=100] [--answers=300000] [--answers-by=import|sql] [--import-rows=1000000]
  [--contact-rows=20000] [--draw-variant] [--split-variant]`;

/** Reads the command line; an unknown flag or a bad value stops with the usage. */
export function parseOptions(argv: string[]): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`Unknown argument ${arg}\n${USAGE}`);
    flags.set(match[1], match[2] ?? 'true');
  }
  const size = flags.get('size') ?? (flags.has('quick') ? 'quick' : 'full');
  if (size !== 'quick' && size !== 'full') throw new Error(`--size must be quick or full\n${USAGE}`);
  const base = size === 'quick' ? QUICK : FULL;
  const number = (flag: string, fallback: number) => {
    const value = flags.get(flag);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag} must be a positive number\n${USAGE}`);
    return n;
  };
  const only = (flags.get('only')?.split(',') ?? DEFAULT_SCENARIOS) as ScenarioName[];
  for (const name of only) if (!SCENARIOS.includes(name)) throw new Error(`--only: unknown scenario ${name}\n${USAGE}`);
  const known = new Set(['size', 'quick', 'only', 'rates', 'embedded-rates', 'step-seconds', 'concurrency', 'steps', 'invitations', 'create-seconds', 'dialogues', 'memory-seconds', 'answers', 'answers-by', 'import-rows', 'contact-rows', 'draw-variant', 'split-variant']);
  for (const flag of flags.keys()) if (!known.has(flag)) throw new Error(`Unknown flag --${flag}\n${USAGE}`);
  const answersBy = flags.get('answers-by') ?? 'import';
  if (answersBy !== 'import' && answersBy !== 'sql') throw new Error(`--answers-by must be import or sql\n${USAGE}`);
  return {
    only: SCENARIOS.filter((s) => only.includes(s)),
    quick: size === 'quick',
    rates: flags.has('rates') ? flags.get('rates')!.split(',').map(Number) : base.rates,
    embeddedRates: flags.has('embedded-rates') ? flags.get('embedded-rates')!.split(',').map(Number) : base.embeddedRates,
    stepSeconds: number('step-seconds', base.stepSeconds),
    concurrency: number('concurrency', base.concurrency),
    steps: number('steps', base.steps),
    invitations: number('invitations', base.invitations),
    createSeconds: number('create-seconds', base.createSeconds),
    dialogues: number('dialogues', base.dialogues),
    memorySeconds: number('memory-seconds', base.memorySeconds),
    answers: number('answers', base.answers),
    answersBy,
    importRows: number('import-rows', base.importRows),
    contactRows: number('contact-rows', base.contactRows),
    drawVariant: flags.has('draw-variant'),
    splitVariant: flags.has('split-variant'),
  };
}
