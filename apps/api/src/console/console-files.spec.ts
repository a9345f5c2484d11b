import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleFiles } from './console-files';

describe('the console build: which file answers an address under /console/', () => {
  let root: string;
  let files: ConsoleFiles;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'turbota-console-build-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'index-Bx1.js'), '');
    writeFileSync(join(root, 'icon.svg'), '<svg/>');
    files = new ConsoleFiles(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const page = () => ({ kind: 'file', path: join(root, 'index.html'), cacheControl: 'no-cache' });

  it('sends a built script for good, and the icon for a while', () => {
    expect(files.resolve('assets/index-Bx1.js')).toEqual({ kind: 'file', path: join(root, 'assets', 'index-Bx1.js'), cacheControl: 'public, max-age=31536000, immutable' });
    expect(files.resolve('icon.svg')).toEqual({ kind: 'file', path: join(root, 'icon.svg'), cacheControl: 'public, max-age=300' });
  });

  it('answers every client address with the page, which browsers ask for again each time', () => {
    for (const address of ['', 'login', 'incidents/0b9d6e2c-3f7a-4d55-9b1e-1c2d3e4f5a6b', 'invite/Zx_8-a0', 'people']) expect(files.resolve(address)).toEqual(page());
  });

  it('refuses a built file that is not there rather than answer it with the page', () => {
    expect(files.resolve('assets/index-old.js')).toEqual({ kind: 'missing' });
    expect(files.resolve('favicon.ico')).toEqual({ kind: 'missing' });
  });

  it('never reaches outside the build', () => {
    writeFileSync(join(root, '..', 'turbota-console-secret.txt'), 'secret');
    try {
      expect(files.resolve('../turbota-console-secret.txt')).toEqual({ kind: 'missing' });
      expect(files.resolve('../../etc/passwd')).toEqual(page());
    } finally {
      rmSync(join(root, '..', 'turbota-console-secret.txt'));
    }
  });

  it('says so when the console has not been built', () => {
    expect(new ConsoleFiles(join(root, 'nothing-here')).resolve('')).toEqual({ kind: 'notBuilt' });
  });
});
