import { Inject, Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { IncidentEntity } from '@turbota/persistence';
import type { PeopleActor, PersonDeactivatedHook } from '@turbota/people';
import { OPEN_STATUSES, type IncidentStatus } from './incident.model';
import { IncidentJournal } from './incident-journal';

/**
 * A deactivated person owns no open incident: each becomes nobody's, with an `unassign` in its
 * history by whoever deactivated them and a supervisors' notice, in the deactivation's
 * transaction. Settled incidents keep their owner: that is who worked them.
 */
@Injectable()
export class OwnedIncidentsRelease implements PersonDeactivatedHook {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly journal: IncidentJournal,
  ) {}

  async onDeactivated(tx: EntityManager, personId: string, by: PeopleActor): Promise<void> {
    // Locked in one order, as every change to an incident locks it first.
    const owned = await tx.find(IncidentEntity, { where: { ownerPersonId: personId, status: In([...OPEN_STATUSES]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const now = this.clock.now();
    for (const row of owned) {
      const status = row.status as IncidentStatus;
      await tx.update(IncidentEntity, row.id, { ownerPersonId: null, version: row.version + 1, updatedAt: now });
      await this.journal.incident(tx, row.id, { action: 'unassign', from: status, to: status, actor: by, note: null, ownerId: personId }, now);
    }
  }
}
