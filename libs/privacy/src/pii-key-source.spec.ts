import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@turbota/config';
import { GENERATED_PII_KEY_FILE, piiCipherFrom, piiKeyFrom } from './pii-key-source';

describe('piiKeyFrom', () => {
  let dataDir: string;
  const quiet = { warn: jest.fn() } as unknown as Logger;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'turbota-pii-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('uses PII_ENCRYPTION_KEY when it is set, and writes nothing', () => {
    const config = loadConfig({ DATA_DIR: dataDir, PII_ENCRYPTION_KEY: '11'.repeat(32) });
    expect(piiKeyFrom(config, quiet)).toEqual(Buffer.alloc(32, 0x11));
    expect(() => statSync(join(dataDir, GENERATED_PII_KEY_FILE))).toThrow();
  });

  it('without it, generates a key once into DATA_DIR, readable by the owner only, and keeps using it', () => {
    const config = loadConfig({ DATA_DIR: join(dataDir, 'nested') });
    const first = piiKeyFrom(config, quiet);
    const file = join(dataDir, 'nested', GENERATED_PII_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
    expect(piiKeyFrom(config, quiet)).toEqual(first);
    expect(quiet.warn).toHaveBeenCalledTimes(1);
  });
});

describe('piiCipherFrom', () => {
  const quiet = { warn: jest.fn() } as unknown as Logger;

  it('seals with PII_ENCRYPTION_KEY and still opens what the previous keys sealed', () => {
    const old = loadConfig({ PII_ENCRYPTION_KEY: '22'.repeat(32) });
    const sealedBefore = piiCipherFrom(old, quiet).seal('+380671234567');
    const rotated = piiCipherFrom(loadConfig({ PII_ENCRYPTION_KEY: '33'.repeat(32), PII_ENCRYPTION_KEYS_PREVIOUS: '22'.repeat(32) }), quiet);
    expect(rotated.open(sealedBefore)).toBe('+380671234567');
    expect(rotated.isCurrent(sealedBefore)).toBe(false);
    expect(rotated.blindIndexes('+380671234567')[1]).toEqual(piiCipherFrom(old, quiet).blindIndex('+380671234567'));
  });

  it('ignores the current key listed again among the previous ones', () => {
    const cipher = piiCipherFrom(loadConfig({ PII_ENCRYPTION_KEY: '33'.repeat(32), PII_ENCRYPTION_KEYS_PREVIOUS: '33'.repeat(32) }), quiet);
    expect(cipher.rotating).toBe(false);
  });
});
