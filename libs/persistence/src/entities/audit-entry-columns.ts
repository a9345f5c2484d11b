import { Column } from 'typeorm';

/** What every audit row (of an incident, of a problem) records: the change, who made it and why. */
export abstract class AuditEntryColumns {
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: string | null;

  @Column({ type: 'text' })
  toStatus: string;

  @Column({ type: 'text' })
  actorKind: string;

  @Column({ type: 'text' })
  actorId: string;

  @Column({ type: 'text', nullable: true })
  actorName: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  /** When the Slack sender posted this row to the thread of the supervisors' message. */
  @Column({ type: 'timestamptz', nullable: true })
  threadPostedAt: Date | null;
}
