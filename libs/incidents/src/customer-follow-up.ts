import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { ConversationService, DialogueTextsProvider, type ResolutionAnsweredHook } from '@turbota/conversations';
import { ComplaintEntity, IncidentEntity } from '@turbota/persistence';
import type { StandardEvent } from '@turbota/standard';
import type { IncidentSettledHook } from './incident-hooks';
import { IncidentService } from './incident.service';
import { StandardVersions } from './standard-versions';

/**
 * Closes the loop with a customer whose complaint came from a dialogue, in their channel and
 * in the standard's words, inside the settling transaction (the outbox then delivers it, so a
 * failed send loses nothing): a resolved incident is announced with "is it solved now?"; a
 * rejected one gets the standard's answer for a complaint the company cannot act on.
 */
@Injectable()
export class CustomerFollowUp implements IncidentSettledHook {
  constructor(
    private readonly conversations: ConversationService,
    private readonly standard: StandardVersions,
    private readonly texts: DialogueTextsProvider,
  ) {}

  async onSettled(tx: EntityManager, incident: IncidentEntity): Promise<void> {
    if (incident.source !== 'dialogue') return;
    const complaint = await tx.findOneBy(ComplaintEntity, { id: incident.complaintId });
    if (!complaint?.conversationId || !incident.customerId) return;
    const customerId = incident.customerId;
    // In the version the incident was created under, rotating per customer like the dialogue's phrases.
    const say = async (event: StandardEvent) =>
      this.texts.speak(tx, customerId, await this.standard.nextSteps(event, incident.locale, incident.standardVersion, tx));
    if (incident.status === 'rejected') {
      await this.conversations.inform(tx, complaint.conversationId, await say('incident_rejected'));
      return;
    }
    await this.conversations.followUp(tx, complaint.conversationId, {
      incidentId: incident.id,
      announcement: await say('incident_resolved'),
      ifNotSolved: await say('customer_not_resolved'),
    });
  }
}

/**
 * The customer's "solved?" answer: yes closes the incident, no reopens it. An answer that
 * comes after a supervisor already moved the incident on changes nothing (and never fails
 * the customer's step).
 */
@Injectable()
export class ResolutionAnswers implements ResolutionAnsweredHook {
  // Looked up when first needed: the incident service reaches the dialogue through the
  // follow-up above, and the dialogue reaches this hook, so a constructor would close a cycle.
  constructor(private readonly moduleRef: ModuleRef) {}

  async onResolutionAnswer(tx: EntityManager, answer: { incidentId: string; solved: boolean }): Promise<void> {
    const incident = await tx.findOne(IncidentEntity, { where: { id: answer.incidentId }, lock: { mode: 'pessimistic_write' } });
    if (incident?.status !== 'resolved') return;
    await this.moduleRef.get(IncidentService, { strict: false }).recordCustomerAnswer(tx, answer.incidentId, answer.solved);
  }
}
