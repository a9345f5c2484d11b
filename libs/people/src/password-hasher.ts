import { Injectable } from '@nestjs/common';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { PasswordRefusedError } from './people.errors';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// The package declares its algorithms as a const enum, which has no object at run time.
const ARGON2ID = 2 as Algorithm;

/** OWASP's argon2id parameters: 19 MiB of memory, 2 passes, 1 lane. */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Passwords hashed with argon2id; a check without a stored hash costs the same as one with it. */
@Injectable()
export class PasswordHasher {
  private decoy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  /**
   * Whether the password matches the stored hash. Without one (an unknown e-mail, a person
   * with no password yet) a decoy hash is checked instead, so both answers take as long.
   */
  async verify(stored: string | null, password: string): Promise<boolean> {
    const matches = await verify(stored ?? (await this.decoyHash()), password).catch(() => false);
    return stored !== null && matches;
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= hash('decoy password that matches nothing', OPTIONS);
    return this.decoy;
  }
}

/** Refuses a new password equal to the person's e-mail (the length is checked with the input). */
export function checkNewPassword(password: string, email: string, field = 'password'): void {
  if (password.trim().toLowerCase() === email.toLowerCase()) throw new PasswordRefusedError(field, 'must not be the e-mail address');
}
