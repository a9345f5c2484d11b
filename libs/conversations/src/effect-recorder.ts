import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import type { CaseNotice, DialogueEffect } from '@turbota/dialogue';
import {
  AnswerEntity,
  ComplaintEntity,
  ConversationEntity,
  CustomerEntity,
  OrganicFeedbackEntity,
  PointOfServiceEntity,
} from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { addToRollups } from '@turbota/reports';
import type { Question, SurveyPlan } from '@turbota/surveys';
import { COMPLAINT_RECORDED, type ComplaintRecordedHook } from './complaint-recorded.hook';
import { RESOLUTION_ANSWERED, type ResolutionAnsweredHook } from './resolution-answered.hook';

/** The zone a case's expected contact is told in when the conversation's point names none (the seeded policy's). */
export const WORKING_TIME_ZONE = 'Europe/Kyiv';

/** Writes what a dialogue step recorded (answers, complaints, feedback, opt-outs) in the step's transaction. */
@Injectable()
export class EffectRecorder {
  constructor(
    private readonly cipher: PiiCipher,
    // Required: a process composed without a module providing them (IncidentsModule) must not
    // start, rather than run dialogues whose complaints silently open no incident.
    @Inject(COMPLAINT_RECORDED) private readonly complaintHook: ComplaintRecordedHook,
    @Inject(RESOLUTION_ANSWERED) private readonly resolutionHook: ResolutionAnsweredHook,
  ) {}

  /** Records the effects; answers the case a complaint among them opened or joined, for the customer to be told. */
  async record(tx: EntityManager, conversation: ConversationEntity, effects: DialogueEffect[], now: Date): Promise<CaseNotice | undefined> {
    let opened: CaseNotice | undefined;
    for (const effect of effects) {
      switch (effect.kind) {
        case 'answer':
          await this.answer(tx, conversation, effect, now);
          break;
        case 'complaint': {
          const complaint = await tx.save(ComplaintEntity, { ...this.complaint(conversation, effect, now), ...(await this.earlierContact(tx, conversation, effect)) });
          const incident = await this.complaintHook.onComplaint(tx, complaint);
          if (incident) opened = { number: incident.number, contactBy: incident.acknowledgeBy, timeZone: await this.timeZoneOf(tx, conversation) };
          break;
        }
        case 'organic':
          await tx.insert(OrganicFeedbackEntity, {
            ...attributesOf(conversation),
            conversationId: conversation.id,
            customerId: conversation.customerId,
            text: effect.text ?? null,
            voiceFileId: effect.voice?.fileId ?? null,
            voiceDurationSeconds: effect.voice?.durationSeconds ?? null,
            createdAt: now,
          });
          break;
        case 'opt_out':
          await tx.update(CustomerEntity, { id: conversation.customerId, optedOutAt: IsNull() }, { optedOutAt: now });
          break;
        case 'resolution':
          await this.resolutionHook.onResolutionAnswer(tx, { incidentId: effect.incidentId, solved: effect.solved, customerId: conversation.customerId });
          break;
        case 'completed':
          break;
      }
    }
    return opened;
  }

  /**
   * A complaint without contacts in a conversation whose customer left them before: it is not
   * asked for them again, and carries the earlier complaint's, sealed as they are (gone once erased).
   */
  private async earlierContact(tx: EntityManager, conversation: ConversationEntity, effect: Extract<DialogueEffect, { kind: 'complaint' }>) {
    if (effect.phone || effect.email) return {};
    const [earlier] = await tx.query<{ phoneSealed: Buffer | null; emailSealed: Buffer | null; phoneIndex: Buffer | null; consentAt: Date }[]>(
      `SELECT phone_sealed AS "phoneSealed", email_sealed AS "emailSealed", phone_index AS "phoneIndex", consent_at AS "consentAt" FROM complaint
       WHERE conversation_id = $1 AND (phone_sealed IS NOT NULL OR email_sealed IS NOT NULL) ORDER BY created_at DESC LIMIT 1`,
      [conversation.id],
    );
    return earlier ?? {};
  }

  /** The customer's clock: the point of service's time zone when it has one, else the installation's working zone. */
  private async timeZoneOf(tx: EntityManager, conversation: ConversationEntity): Promise<string> {
    const point = conversation.pointOfService ? await tx.findOneBy(PointOfServiceEntity, { code: conversation.pointOfService }) : null;
    return point?.timeZone ?? WORKING_TIME_ZONE;
  }

  private async answer(tx: EntityManager, conversation: ConversationEntity, effect: Extract<DialogueEffect, { kind: 'answer' }>, now: Date) {
    const { question } = effect;
    const answer = {
      ...attributesOf(conversation),
      conversationId: conversation.id,
      customerId: conversation.customerId,
      poolId: conversation.poolId,
      poolVersion: conversation.poolVersion,
      questionCode: question.code,
      questionType: question.type,
      questionText: question.text[conversation.locale],
      factor: factorOf(question, effect.choice),
      integral: effect.integral,
      score: effect.score ?? null,
      choice: effect.choice ?? null,
      text: effect.text ?? null,
      answeredAt: now,
    };
    // The unique (conversation, question) key makes a second answer to one question a no-op.
    const written = await insertAnswer(tx, answer);
    // Only an answer actually written may be counted in the reports' histograms.
    if (written) await addToRollups(tx, [{ ...answer, metric: answer.questionType }]);
  }

  private complaint(conversation: ConversationEntity, effect: Extract<DialogueEffect, { kind: 'complaint' }>, now: Date) {
    const plan = conversation.plan as SurveyPlan;
    const hasContact = Boolean(effect.phone || effect.email);
    return {
      ...attributesOf(conversation),
      conversationId: conversation.id,
      customerId: conversation.customerId,
      reasonCode: effect.reasonCode ?? null,
      text: effect.text ?? null,
      metric: effect.score === undefined ? null : plan.integral.type,
      score: effect.score ?? null,
      phoneSealed: effect.phone ? this.cipher.seal(effect.phone) : null,
      emailSealed: effect.email ? this.cipher.seal(effect.email) : null,
      phoneIndex: effect.phone ? this.cipher.blindIndex(effect.phone) : null,
      consentAt: hasContact ? now : null,
      createdAt: now,
    };
  }
}

/** Inserts a dialogue's answer in one plain statement (the hot path); false when the question was answered already. */
async function insertAnswer(tx: EntityManager, a: Omit<AnswerEntity, 'id' | 'source' | 'importBatchId' | 'externalCustomerRef'>): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO answer (conversation_id, customer_id, channel, locale, point_of_service, agent, service_type, pool_id, pool_version,
       question_code, question_type, question_text, factor, integral, score, choice, text, answered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT DO NOTHING RETURNING id`,
    [a.conversationId, a.customerId, a.channel, a.locale, a.pointOfService, a.agent, a.serviceType, a.poolId, a.poolVersion,
      a.questionCode, a.questionType, a.questionText, a.factor, a.integral, a.score, a.choice, a.text, a.answeredAt],
  );
  return rows.length > 0;
}

/** The contact's attributes every answer and complaint carries. */
export function attributesOf(c: ConversationEntity) {
  return { channel: c.channel, locale: c.locale, pointOfService: c.pointOfService, agent: c.agent, serviceType: c.serviceType };
}

function factorOf(question: Question, choice: string | undefined): string | null {
  if (question.type === 'single_choice' && choice) return question.options.find((o) => o.code === choice)?.factor ?? question.factor ?? null;
  return question.factor ?? null;
}
