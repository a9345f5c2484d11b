import { isDeepStrictEqual } from 'node:util';
import type { EntityManager } from 'typeorm';
import { execute, qb } from '@turbota/persistence';

/** What the configuration audit covers. */
export const AUDIT_SUBJECT_KINDS = ['question_pool', 'survey_policy', 'service_standard', 'point', 'campaign', 'api_key', 'person'] as const;
export type AuditSubjectKind = (typeof AUDIT_SUBJECT_KINDS)[number];

/** What was done to a subject. */
export const AUDIT_ACTIONS = ['created', 'changed', 'archived', 'removed', 'published', 'revoked', 'deactivated', 'cancelled'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTOR_KINDS = ['person', 'api_key', 'system'] as const;

/** Who made a change: a person signed in to the console, an API key, or Turbota itself (the seeds of `config/`). */
export interface AuditActor {
  kind: (typeof AUDIT_ACTOR_KINDS)[number];
  /** The person's or the key's id; null for the system. */
  id: string | null;
  /** The display name at the time of the change. */
  name: string;
}

/** Turbota itself, writing what `config/` holds on a first start. */
export const CONFIG_SEEDS_ACTOR: AuditActor = { kind: 'system', id: null, name: 'config/' };

/** One field's value before and after a change (null where it had none). */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

/** A configuration change to record: the subject's view before (null: it is new) and after (null: it is gone). */
export interface ConfigChange {
  actor: AuditActor;
  subject: { kind: AuditSubjectKind; id: string; label: string };
  action: AuditAction;
  before: object | null;
  after: object | null;
}

// Bookkeeping that changes on its own, not a decision anyone made.
const UNRECORDED_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'lastUsedAt', 'lastSignInAt']);
// Never stored, whatever a caller passes: keys, their hashes, password hashes, tokens.
const SECRET_FIELD = /hash|secret|token|password|fingerprint|^key$/i;

/**
 * Each field whose value differs between two views, with both values as JSON holds them;
 * secrets and bookkeeping fields never appear.
 */
export function fieldChanges(before: object | null, after: object | null): Record<string, FieldChange> {
  const was = asJson(before);
  const is = asJson(after);
  const changes: Record<string, FieldChange> = {};
  for (const field of new Set([...Object.keys(was), ...Object.keys(is)])) {
    if (UNRECORDED_FIELDS.has(field) || SECRET_FIELD.test(field)) continue;
    const change = { before: was[field] ?? null, after: is[field] ?? null };
    if (!isDeepStrictEqual(change.before, change.after)) changes[field] = change;
  }
  return changes;
}

/**
 * Writes the audit entry of a configuration change on the change's own transaction, so the
 * entry exists exactly when the change does. A "change" that changes nothing writes nothing.
 */
export async function recordConfigChange(tx: EntityManager, change: ConfigChange): Promise<void> {
  const changes = fieldChanges(change.before, change.after);
  if (change.action === 'changed' && Object.keys(changes).length === 0) return;
  const { actor, subject } = change;
  await execute(
    tx,
    qb.insertInto('config_audit').values({
      actor_kind: actor.kind,
      actor_person_id: actor.kind === 'person' ? actor.id : null,
      actor_api_key_id: actor.kind === 'api_key' ? actor.id : null,
      actor_label: actor.name,
      subject_kind: subject.kind,
      subject_id: subject.id,
      subject_label: subject.label,
      action: change.action,
      changes: JSON.stringify(changes),
    }),
  );
}

/** A view as JSON would carry it (dates as ISO strings, undefined fields dropped). */
function asJson(view: object | null): Record<string, unknown> {
  return view ? (JSON.parse(JSON.stringify(view)) as Record<string, unknown>) : {};
}
