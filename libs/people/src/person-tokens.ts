import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { PersonTokenEntity, type PersonTokenKind } from '@turbota/persistence';
import { LinkNotFoundError, LinkSpentError } from './people.errors';
import { newSecretToken, tokenHash } from './secret-token';

/** A new one-time link's token (shown once, never stored) and when it stops working. */
export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** How long each kind of link works. */
export const TOKEN_LIFETIME_MS: Record<PersonTokenKind, number> = {
  // A restart writes a new setup link while no person exists.
  setup: 7 * 24 * 3_600_000,
  invite: 72 * 3_600_000,
  reset: 3_600_000,
};

/** One-time links' tokens: issued for a person (or for the first admin), looked at, and used once. */
@Injectable()
export class PersonTokens {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A new token; the person's (or, for setup, every) earlier unused token of the kind stops working. */
  async issue(manager: EntityManager, kind: PersonTokenKind, personId: string | null): Promise<IssuedToken> {
    const repo = manager.getRepository(PersonTokenEntity);
    await repo.delete({ kind, personId: personId ?? IsNull(), usedAt: IsNull() });
    const now = this.clock.now();
    const token = newSecretToken();
    const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS[kind]);
    await repo.insert({ kind, tokenHash: tokenHash(token), personId, createdAt: now, expiresAt, usedAt: null });
    return { token, expiresAt };
  }

  /** The token's row while it can still be used; LinkNotFoundError when unknown, LinkSpentError when used or expired. */
  async find(token: string, kind: PersonTokenKind): Promise<PersonTokenEntity> {
    const row = await this.dataSource.manager.findOne(PersonTokenEntity, { where: { tokenHash: tokenHash(token), kind } });
    return this.usable(row);
  }

  /** Marks the token used inside the caller's transaction (locking its row, so it is used once); as `find` otherwise. */
  async use(manager: EntityManager, token: string, kind: PersonTokenKind): Promise<PersonTokenEntity> {
    const row = this.usable(await manager.findOne(PersonTokenEntity, { where: { tokenHash: tokenHash(token), kind }, lock: { mode: 'pessimistic_write' } }));
    row.usedAt = this.clock.now();
    await manager.update(PersonTokenEntity, { id: row.id }, { usedAt: row.usedAt });
    return row;
  }

  /** Every unused token of a person stops working (a deactivation). */
  async withdraw(manager: EntityManager, personId: string): Promise<void> {
    await manager.delete(PersonTokenEntity, { personId, usedAt: IsNull() });
  }

  private usable(row: PersonTokenEntity | null): PersonTokenEntity {
    if (!row) throw new LinkNotFoundError();
    if (row.usedAt || row.expiresAt <= this.clock.now()) throw new LinkSpentError();
    return row;
  }
}
