import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { IncidentEntity } from '@turbota/persistence';
import type { IncidentPriority, IncidentStatus } from './incident.model';
import type { IncidentRow } from './incident-view';

/** What incidents to list; every filter given must hold. */
export interface IncidentFilters {
  status?: IncidentStatus[];
  priority?: IncidentPriority;
  reasonCode?: string;
  agent?: string;
  pointOfService?: string;
  serviceType?: string;
  channel?: string;
  problemId?: string;
  /** Only those with a passed deadline still unmet (true), or none such (false). */
  breached?: boolean;
  /** Only those this person owns; null: only those nobody owns. */
  owner?: string | null;
  /** Created at or after. */
  from?: Date;
  /** Created before. */
  to?: Date;
  limit: number;
  /** The position after which the page starts: the last item of the previous page. */
  after?: { at: Date; id: string };
}

/** A page of a list, newest first, and where the next one starts (null at the end). */
export interface IncidentPage<T> {
  items: T[];
  next: { at: Date; id: string } | null;
}

const EXACT = ['priority', 'reasonCode', 'agent', 'pointOfService', 'serviceType', 'channel', 'problemId'] as const;

// The same rule as isBreached, in SQL.
const BREACHED = `((i.status = 'new' AND i.ack_breached_at IS NOT NULL) OR (i.status IN ('new', 'acknowledged', 'in_progress') AND i.resolve_breached_at IS NOT NULL))`;

/** Applies the filters and the keyset to a query of incidents (alias `i`), newest first. */
export async function listIncidents(query: SelectQueryBuilder<IncidentEntity>, filters: IncidentFilters): Promise<IncidentPage<IncidentRow>> {
  for (const field of EXACT) if (filters[field] !== undefined) query.andWhere(`i.${field} = :${field}`, { [field]: filters[field] });
  if (filters.status?.length) query.andWhere('i.status IN (:...status)', { status: filters.status });
  if (filters.breached !== undefined) query.andWhere(filters.breached ? BREACHED : `NOT ${BREACHED}`);
  if (filters.owner !== undefined) query.andWhere(filters.owner === null ? 'i.ownerPersonId IS NULL' : 'i.ownerPersonId = :owner', { owner: filters.owner });
  if (filters.from) query.andWhere('i.createdAt >= :from', { from: filters.from });
  if (filters.to) query.andWhere('i.createdAt < :to', { to: filters.to });
  if (filters.after) query.andWhere('(i.createdAt, i.id) < (:at, :afterId)', { at: filters.after.at, afterId: filters.after.id });
  const rows = (await query.orderBy('i.createdAt', 'DESC').addOrderBy('i.id', 'DESC').limit(filters.limit + 1).getMany()) as IncidentRow[];
  const items = rows.slice(0, filters.limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > filters.limit ? { at: last.createdAt, id: last.id } : null };
}

/** Incidents (alias `i`) with what their views need: the complaint (sealed contacts), the problem (its number) and the owner (the name). */
export function incidentRows(manager: EntityManager): SelectQueryBuilder<IncidentEntity> {
  return manager.createQueryBuilder(IncidentEntity, 'i').innerJoinAndSelect('i.complaint', 'c').leftJoinAndSelect('i.problem', 'p').leftJoinAndSelect('i.owner', 'o');
}
