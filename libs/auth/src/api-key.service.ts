import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { z } from 'zod';
import { API_ROLES, ApiKeyEntity, ApiKeySource, ApiRole } from '@turbota/persistence';
import { recordConfigChange } from '@turbota/audit';
import { Clock, CLOCK, ConflictError, NotFoundError } from '@turbota/common';
import { ApiKeyHasher } from './api-key-hasher';
import { type ApiKeyPrincipal, auditActorOf, type Principal } from './principal';

/** A key as it is shown: never the key itself (nor a part of it), except once, at creation. */
export interface ApiKeyView {
  id: string;
  name: string;
  role: ApiRole;
  /** `fp:` and 8 hex digits of a keyed hash; null for a key from before fingerprints until its next use. */
  fingerprint: string | null;
  source: ApiKeySource;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A new API key: what it is for, and what it may do. */
export const apiKeyInputSchema = z
  .strictObject({
    name: z
      .string('name must be a string')
      .trim()
      .min(1, 'name must not be empty')
      .max(100, 'name takes at most 100 characters')
      .meta({ description: 'What the key is for', example: 'CRM integration' }),
    role: z
      .enum(API_ROLES, `role must be one of ${API_ROLES.join(', ')}`)
      .meta({ description: 'admin: everything; supervisor: incidents; viewer: read reports; integration: report contacts', example: 'integration' }),
  })
  .meta({ id: 'ApiKeyInput' });

export type ApiKeyInput = z.infer<typeof apiKeyInputSchema>;

const KEY_PREFIX = 'tb_';
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeyService {
  // Written at most once a minute per key and process, so reads stay reads.
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly hasher: ApiKeyHasher,
  ) {}

  static generate(): string {
    return KEY_PREFIX + randomBytes(32).toString('base64url');
  }

  /** The principal a key stands for, or null when it is unknown or revoked. */
  async authenticate(key: string): Promise<ApiKeyPrincipal | null> {
    const candidates = this.hasher.candidates(key);
    const found = await this.keys.findOne({
      where: { keyHash: In(candidates), revokedAt: IsNull() },
      select: { id: true, name: true, role: true, keyHash: true, keyFingerprint: true },
    });
    if (!found) return null;
    if (!found.keyHash.equals(candidates[0])) await upgradeHash(this.keys, found, key, this.hasher);
    this.touch(found.id);
    return { kind: 'apiKey', keyId: found.id, name: found.name, role: found.role };
  }

  async create(input: ApiKeyInput, createdBy: Principal): Promise<{ key: string; view: ApiKeyView }> {
    const key = ApiKeyService.generate();
    return this.dataSource.transaction(async (tx) => {
      const saved = await tx.save(ApiKeyEntity, tx.create(ApiKeyEntity, { ...input, ...hashedWith(this.hasher, key), source: 'api', createdBy: createdBy.keyId }));
      const view = toView(saved);
      await recordConfigChange(tx, { actor: auditActorOf(createdBy), subject: subjectOf(view), action: 'created', before: null, after: view });
      return { key, view };
    });
  }

  async list(options: { includeRevoked: boolean }): Promise<ApiKeyView[]> {
    const rows = await this.keys.find({
      where: options.includeRevoked ? {} : { revokedAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
    return rows.map(toView);
  }

  /** Revokes a key; the last active admin key cannot be revoked, so the API never locks its admins out. */
  async revoke(id: string, by: Principal): Promise<ApiKeyView> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ApiKeyEntity);
      const key = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw new NotFoundError(`API key ${id} does not exist`);
      if (key.revokedAt) return toView(key);
      if (key.role === 'admin') {
        const activeAdmins = await repo.count({ where: { role: 'admin', revokedAt: IsNull() } });
        if (activeAdmins <= 1) {
          throw new ConflictError('This is the last active admin key: create another admin key before revoking it');
        }
      }
      const before = toView(key);
      key.revokedAt = this.clock.now();
      const after = toView(await repo.save(key));
      await recordConfigChange(tx, { actor: auditActorOf(by), subject: subjectOf(after), action: 'revoked', before, after });
      return after;
    });
  }

  private touch(id: string): void {
    const now = this.clock.now().getTime();
    if (now - (this.lastUsedWritten.get(id) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(id, now);
    // Bookkeeping only: a failure here must not fail the request.
    this.keys.update({ id }, { lastUsedAt: new Date(now) }).catch(() => this.lastUsedWritten.delete(id));
  }
}

/** The columns a new key is stored under: its keyed hash and fingerprint, nothing of the key itself. */
export function hashedWith(hasher: ApiKeyHasher, key: string): Pick<ApiKeyEntity, 'keyHash' | 'keyFingerprint'> {
  return { keyHash: hasher.hash(key), keyFingerprint: hasher.fingerprint(key) };
}

/**
 * Moves a row found under a plain SHA-256 (from before keyed hashes) or a previous PII key's
 * secret to the current keyed hash: only possible while the key itself is at hand. Guarded by
 * the old hash, so two processes upgrading at once write once.
 */
export async function upgradeHash(repo: Repository<ApiKeyEntity>, row: Pick<ApiKeyEntity, 'id' | 'keyHash' | 'keyFingerprint'>, key: string, hasher: ApiKeyHasher): Promise<void> {
  await repo.update({ id: row.id, keyHash: row.keyHash }, { keyHash: hasher.hash(key), keyFingerprint: row.keyFingerprint ?? hasher.fingerprint(key) });
}

function subjectOf(view: ApiKeyView) {
  return { kind: 'api_key' as const, id: view.id, label: view.name };
}

function toView(key: ApiKeyEntity): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    fingerprint: key.keyFingerprint,
    source: key.source,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}
