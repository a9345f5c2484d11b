import { envVariables, renderEnvExample, staleEnvExampleVariables } from './env-example';
import { loadConfig } from './app-config';

describe('.env.example from the config schema', () => {
  const text = renderEnvExample();

  it('lists every variable the config reads, each with a comment and its default', () => {
    expect(envVariables()).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'PII_ENCRYPTION_KEY', 'SUPPORTED_LOCALES', 'TRUST_PROXY']));
    for (const name of envVariables()) expect(text).toMatch(new RegExp(`\\n# [^\\n]+\\n# ${name}=`));
    expect(text).toContain('\n# PORT=3000\n');
    expect(text).toContain('\n# LOG_LEVEL=info\n');
    expect(text).toContain('\n# TRUST_PROXY=false\n');
    expect(text).toContain('\n# ANONYMOUS_CHANNELS=web\n');
    expect(text).toContain('\n# DATABASE_URL=\n'); // unset: the embedded database
  });

  it('writes defaults the config accepts as they are', () => {
    const assignments = [...text.matchAll(/^# ([A-Z][A-Z0-9_]*)=(.+)$/gm)].map(([, name, value]): [string, string] => [name, value]);
    expect(assignments.length).toBeGreaterThan(20);
    expect(() => loadConfig(Object.fromEntries(assignments))).not.toThrow();
  });

  it('names the variables a stale file lacks, has another default for, or no longer needs', () => {
    expect(staleEnvExampleVariables(text)).toEqual([]);
    const stale = text
      .replace(/# [^\n]+\n# PORT=3000\n\n/, '')
      .replace('# LOG_LEVEL=info', '# LOG_LEVEL=debug')
      .concat('\n# A variable the config stopped reading\n# OLD_SETTING=1\n');
    expect(staleEnvExampleVariables(stale).sort()).toEqual(['LOG_LEVEL', 'OLD_SETTING', 'PORT']);
  });
});
