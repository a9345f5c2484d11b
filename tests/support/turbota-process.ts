import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait-for';

const ENTRIES = {
  standalone: 'dist/apps/standalone/src/main.js',
  api: 'dist/apps/api/src/main.js',
  bot: 'dist/apps/bot/src/main.js',
} as const;

/** A built Turbota process started the way a user starts it, with its output kept. */
export class TurbotaProcess {
  readonly output: string[] = [];
  private exited?: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => this.output.push(...chunk.split('\n').filter(Boolean)));
    }
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /**
   * Spawns `node dist/apps/<entry>/src/main.js` on a free port; `npm run build` must have run.
   * `fileDescriptors` starts it under that `ulimit -n`, as a small host would.
   */
  static async start(entry: keyof typeof ENTRIES, env: Record<string, string>, options: { fileDescriptors?: number } = {}): Promise<TurbotaProcess> {
    const port = env.PORT ?? String(await freePort());
    const main = join(__dirname, '..', '..', ENTRIES[entry]);
    const [command, args]: [string, string[]] = options.fileDescriptors
      ? ['bash', ['-c', `ulimit -n ${options.fileDescriptors} && exec "$0" "$1"`, process.execPath, main]]
      : [process.execPath, [main]];
    const child = spawn(command, args, {
      // Telegram by webhook unless a test polls (TELEGRAM_MODE: 'polling'): the tests post its updates.
      env: { PATH: process.env.PATH, LOG_LEVEL: 'info', TELEGRAM_MODE: 'webhook', ...env, PORT: port },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new TurbotaProcess(child, `http://127.0.0.1:${port}`);
  }

  /**
   * Resolves once /health answers 200; fails with the process's output if it exits first. A
   * fresh embedded database migrates from nothing: 15-20 s alone on a 2-core machine, several
   * times that while a test pass runs four heavy files at once.
   */
  async ready(timeoutMs = 180_000): Promise<this> {
    let exitCode: number | null | undefined;
    void this.exited!.then((code) => (exitCode = code));
    await waitFor(async () => {
      if (exitCode !== undefined) throw new Error(`exited with ${exitCode}:\n${this.output.join('\n')}`);
      const res = await fetch(`${this.url}/health`).catch(() => undefined);
      return res?.status === 200 ? true : undefined;
    }, timeoutMs);
    return this;
  }

  /** The process id (the node process itself: a `ulimit` shell execs it). */
  get pid(): number {
    return this.child.pid!;
  }

  /** Sends a signal and answers the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    this.child.kill(signal);
    return this.exited!;
  }

  exitCode(): Promise<number | null> {
    return this.exited!;
  }

  /** The JSON log lines, parsed; other lines are skipped. */
  logs(): Record<string, unknown>[] {
    return this.output.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  messages(): string[] {
    return this.logs().map((entry) => String(entry.msg));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
