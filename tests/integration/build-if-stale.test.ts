import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `npm start` runs tools/build-if-stale.sh: here in a small project of its own whose build only
// counts how often it ran, so that dist/ of this tree is never touched.
describe('npm start builds only when dist/ is stale', () => {
  let project: string;
  const builds = () => readFileSync(join(project, 'builds.log'), 'utf8').split('\n').filter(Boolean).length;
  const start = () => execFileSync('sh', [join(project, 'tools', 'build-if-stale.sh')], { cwd: project, stdio: 'pipe' });
  // Sources from two minutes ago and a build from one: anything changed now is newer than its stamp.
  const settle = () => {
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    for (const path of readdirSync(project, { recursive: true, encoding: 'utf8' })) utimesSync(join(project, path), at(2), at(2));
    utimesSync(join(project, 'dist', '.build-stamp'), at(1), at(1));
  };

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'turbota-build-if-stale-'));
    for (const dir of ['tools', 'apps/api/src', 'apps/api/web', 'libs/common/src']) mkdirSync(join(project, dir), { recursive: true });
    copyFileSync(join(__dirname, '..', '..', 'tools', 'build-if-stale.sh'), join(project, 'tools', 'build-if-stale.sh'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ scripts: { build: 'echo built >> builds.log && mkdir -p dist && touch dist/.build-stamp' } }));
    writeFileSync(join(project, 'builds.log'), '');
    writeFileSync(join(project, 'apps/api/src/main.ts'), '');
    writeFileSync(join(project, 'apps/api/web/page.html'), '');
    writeFileSync(join(project, 'libs/common/src/old.ts'), '');
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('builds without dist/, then not again until a source changes, is added or removed', () => {
    start();
    expect(builds()).toBe(1);
    settle();
    start();
    expect(builds()).toBe(1);

    writeFileSync(join(project, 'apps/api/web/page.html'), 'served from its folder, not built');
    start();
    expect(builds()).toBe(1);

    writeFileSync(join(project, 'apps/api/src/main.ts'), 'changed');
    start();
    expect(builds()).toBe(2);
    settle();

    rmSync(join(project, 'libs/common/src/old.ts'));
    start();
    expect(builds()).toBe(3);
    settle();

    rmSync(join(project, 'dist'), { recursive: true });
    start();
    expect(builds()).toBe(4);
  });
});
