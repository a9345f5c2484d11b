import { ENV_SCHEMA } from './app-config';
import { ENV_DESCRIPTIONS, EnvVariable } from './env-descriptions';

const HEADER = [
  '# Turbota\'s environment variables, with their defaults: copy this file to .env and set what you need.',
  '# Generated from libs/config/src/app-config.ts by `npm run env:example`; CI fails when it is stale.',
  '# Every line is commented out at its default (empty: unset); the README\'s Configuration table says more.',
];

/** The text of `.env.example`: every variable the config reads, in the schema's order. */
export function renderEnvExample(): string {
  const blocks = envVariables().map((name) => `# ${ENV_DESCRIPTIONS[name]}\n# ${name}=${defaultOf(name)}`);
  return `${HEADER.join('\n')}\n\n${blocks.join('\n\n')}\n`;
}

/** The variables the config reads, in the schema's order. */
export function envVariables(): EnvVariable[] {
  return Object.keys(ENV_SCHEMA.shape) as EnvVariable[];
}

/**
 * The variables whose lines in `text` (an `.env.example`) differ from what the schema gives now:
 * missing, with another default or description, or no longer read.
 */
export function staleEnvExampleVariables(text: string): string[] {
  const linesOf = (body: string) => new Map(blocksOf(body).map((block) => [variableOf(block), block]));
  const expected = linesOf(renderEnvExample());
  const actual = linesOf(text);
  const names = new Set([...expected.keys(), ...actual.keys()]);
  return [...names].filter((name) => name !== undefined && expected.get(name) !== actual.get(name)) as string[];
}

/** What the schema makes of the variable when it is unset, written as one would set it. */
function defaultOf(name: EnvVariable): string {
  const parsed = ENV_SCHEMA.shape[name].safeParse(undefined);
  const value: unknown = parsed.success ? parsed.data : undefined;
  if (Array.isArray(value)) return value.join(',');
  // Negative numbers stand for "computed from other variables": the description says how.
  if (typeof value === 'number') return value < 0 ? '' : String(value);
  return typeof value === 'string' || typeof value === 'boolean' ? String(value) : '';
}

function blocksOf(text: string): string[] {
  return text.split(/\n\s*\n/).map((block) => block.trim()).filter(Boolean);
}

function variableOf(block: string): string | undefined {
  return /^#? ?([A-Z][A-Z0-9_]*)=/m.exec(block)?.[1];
}
