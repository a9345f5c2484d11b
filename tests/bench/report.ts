import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Cell = string | number | null;

/** What one scenario measured: a table, the targets it is judged by, and notes on gaps. */
export interface ScenarioResult {
  name: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  /** "target: measured (met / missed)" lines. */
  verdicts: string[];
  notes: string[];
  /** Everything measured, for the JSON file. */
  raw: unknown;
}

/** The machine and the software a run was measured on. */
export interface Machine {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  loadAverage: number[];
}

export function formatCell(cell: Cell): string {
  if (cell === null) return '-';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : cell.toFixed(1);
  return cell;
}

/** A fixed-width table for the terminal. */
export function textTable(result: ScenarioResult): string {
  const cells = [result.columns, ...result.rows.map((r) => r.map(formatCell))];
  const widths = result.columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function markdownTable(result: ScenarioResult): string {
  const row = (r: string[]) => `| ${r.join(' | ')} |`;
  return [row(result.columns), row(result.columns.map(() => '---')), ...result.rows.map((r) => row(r.map(formatCell)))].join('\n');
}

/** The Markdown summary docs/benchmarks/run-<date>.md quotes: machine, then per scenario its table and verdicts. */
export function markdownSummary(machine: Machine, mode: string, results: ScenarioResult[]): string {
  const parts = [
    `Run of ${machine.date} (${mode}): ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB RAM, Node ${machine.node}, PostgreSQL ${machine.postgres}; ` +
      `load average at the start ${machine.loadAverage.map((l) => l.toFixed(2)).join(' / ')}.`,
  ];
  for (const result of results) {
    parts.push(`### ${result.title}`, markdownTable(result));
    if (result.verdicts.length) parts.push(result.verdicts.map((v) => `- ${v}`).join('\n'));
    if (result.notes.length) parts.push(result.notes.map((n) => `- ${n}`).join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

/** Writes bench-results/<stamp>.json and .md, and latest.md beside them; answers the paths. */
export function writeResults(root: string, machine: Machine, mode: string, results: ScenarioResult[]): string[] {
  const dir = join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const stamp = machine.date.replace(/[:.]/g, '-');
  const json = join(dir, `${stamp}.json`);
  const md = join(dir, `${stamp}.md`);
  writeFileSync(json, `${JSON.stringify({ machine, mode, results }, null, 2)}\n`);
  const summary = markdownSummary(machine, mode, results);
  writeFileSync(md, summary);
  writeFileSync(join(dir, 'latest.md'), summary);
  return [json, md];
}

/** A verdict line: "met" or "missed" for a figure against its target, "not decided" (`met` undefined) when the run could not tell, saying why in `measured`. */
export function verdict(label: string, met: boolean | undefined, measured: string): string {
  return `${label}: ${measured} — **${met === undefined ? 'not decided' : met ? 'met' : 'missed'}**`;
}
