import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '@turbota/config';
import { PiiCipher } from './pii-cipher';

/** File in DATA_DIR holding the generated key when PII_ENCRYPTION_KEY is not set. */
export const GENERATED_PII_KEY_FILE = 'pii-encryption-key';

/**
 * The PII cipher from PII_ENCRYPTION_KEY; without it (a single machine trying Turbota out)
 * a key is generated once into DATA_DIR and reused, with a warning: processes sharing one
 * database must share the key, so production sets the variable.
 */
export function piiKeyFrom(config: AppConfig, logger = new Logger('Privacy')): Buffer {
  if (config.piiEncryptionKey) return config.piiEncryptionKey;
  const file = join(resolve(config.dataDir), GENERATED_PII_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(resolve(config.dataDir), { recursive: true });
    const draft = `${file}.${process.pid}`;
    writeFileSync(draft, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    chmodSync(draft, 0o600);
    try {
      // A hard link appears whole or not at all: when two processes start at once, the first key wins.
      linkSync(draft, file);
      logger.warn(`PII_ENCRYPTION_KEY is not set: personal data is encrypted with a key generated into ${file}; set the variable in production`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key in hex`);
  return key;
}

/** The current key (seals) and the previous ones of a rotation (open and match only). */
export function piiCipherFrom(config: AppConfig, logger?: Logger): PiiCipher {
  const current = piiKeyFrom(config, logger);
  const previous = config.piiPreviousKeys.filter((key) => !key.equals(current));
  return new PiiCipher([current, ...previous]);
}
