import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Where `npm run bench` compiled everything (node_modules/.cache/turbota-bench: the same swc
 * build as `npm run build`, in a folder of its own so that a rebuild of dist/ mid-run cannot
 * pull the code from under a running benchmark, and out of the linter's and git's way), and
 * the repository root above it.
 */
const BUILD = join(__dirname, '..', '..');
export const ROOT = join(BUILD, '..', '..', '..');

/** A child process under measurement: its URL, its memory, and a way to stop it. */
export class BenchProcess {
  private readonly exited: Promise<number | null>;
  readonly output: string[] = [];

  constructor(
    private readonly child: ChildProcess,
    readonly name: string,
    public url = '',
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding('utf8');
      // Only the last lines are kept: a long run must not grow the bench's own memory.
      stream.on('data', (chunk: string) => {
        this.output.push(...chunk.split('\n').filter(Boolean));
        if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
      });
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resident set size in bytes, read from /proc (Linux). */
  rss(): number {
    const status = this.proc('status');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  }

  /** CPU seconds (user + system) the process has used so far, from /proc (Linux). */
  cpuSeconds(): number {
    const fields = this.proc('stat').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  private proc(file: string): string {
    try {
      return readFileSync(`/proc/${this.pid}/${file}`, 'utf8');
    } catch {
      throw new Error(`${this.name} is gone:\n${this.output.slice(-20).join('\n')}`);
    }
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  exitCode(): Promise<number | null> {
    return this.exited;
  }
}

/** Starts a compiled bench target (tests/bench/targets/<name>.js) and waits for the port it prints. */
export async function startTarget(name: string, env: Record<string, string>): Promise<BenchProcess> {
  const child = spawn(process.execPath, [join(__dirname, 'targets', `${name}.js`)], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = new BenchProcess(child, name);
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer | string) => {
      const line = String(chunk).split('\n')[0];
      resolve((JSON.parse(line) as { port: number }).port);
    });
    void proc.exitCode().then((code) => reject(new Error(`${name} exited with ${code}: ${proc.output.join('\n')}`)));
  });
  proc.url = `http://127.0.0.1:${port}`;
  return proc;
}

/** BENCH_PROFILE_DIR: each Turbota process writes a V8 CPU profile there when it stops (open it in Chrome's DevTools). */
function profiling(): string[] {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** Starts a built Turbota process and waits until /health answers 200. */
export async function startTurbota(entry: 'bot' | 'standalone' | 'api', env: Record<string, string>): Promise<BenchProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...profiling(), join(BUILD, 'apps', entry, 'src', 'main.js')], {
    // The benches measure throughput, not the per-key request budget (API_RATE_LIMIT_PER_MINUTE).
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', API_RATE_LIMIT_PER_MINUTE: '0', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = new BenchProcess(child, `turbota ${entry}`, `http://127.0.0.1:${port}`);
  let exitCode: number | null | undefined;
  void proc.exitCode().then((code) => (exitCode = code));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`Turbota ${entry} exited with ${exitCode}:\n${proc.output.join('\n')}`);
    const res = await fetch(`${proc.url}/health`).catch(() => undefined);
    if (res?.status === 200) return proc;
    if (Date.now() > deadline) throw new Error(`Turbota ${entry} did not become healthy:\n${proc.output.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
