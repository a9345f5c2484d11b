import { Column } from 'typeorm';
import type { Locale } from '@turbota/common';

/** The contact's attributes a conversation and every piece of its feedback carry, so any score can be cut by them. */
export abstract class ContactAttributes {
  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text' })
  locale: Locale;

  @Column({ type: 'text', nullable: true })
  pointOfService: string | null;

  @Column({ type: 'text', nullable: true })
  agent: string | null;

  @Column({ type: 'text', nullable: true })
  serviceType: string | null;
}
