import type { EntityManager } from 'typeorm';
import type { ComplaintEntity } from '@turbota/persistence';

/**
 * Told of every complaint a dialogue records, inside the step's transaction, so what follows
 * from it (an incident when it carries contacts, or a statement added to the conversation's
 * open incident) commits or fails with it. Required: a process without a listener does not start.
 */
export interface ComplaintRecordedHook {
  /** The incident the complaint opened or joined (its number and deadline to acknowledge), or nothing when none. */
  onComplaint(tx: EntityManager, complaint: ComplaintEntity): Promise<ComplaintCase | void>;
}

/** The incident of a complaint, as its customer is told of it. */
export interface ComplaintCase {
  /** 42 for INC-42. */
  number: number;
  acknowledgeBy: Date;
}

/** Injection token of the {@link ComplaintRecordedHook}; a global module provides it. */
export const COMPLAINT_RECORDED = Symbol('COMPLAINT_RECORDED');
