import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import type { CaseNotice, DialogueEffect } from '@turbota/dialogue';
import {
  AnswerEntity,
  ComplaintEntity,
  ConversationEntity,
  CustomerEntity,
  execute,
  executeTakeFirst,
  OrganicFeedbackEntity,
  PointOfServiceEntity,
  qb,
} from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { addToRollups, MAX_ROLLUP_BATCH } from '@turbota/reports';
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

  /**
   * Records the effects; answers the case a complaint among them opened or joined, for the
   * customer to be told. With `answers`, the answers are left there for the caller to write
   * later in the same transaction (`writeAnswers`), with those of other steps.
   */
  async record(tx: EntityManager, conversation: ConversationEntity, effects: DialogueEffect[], now: Date, answers?: DialogueAnswer[]): Promise<CaseNotice | undefined> {
    let opened: CaseNotice | undefined;
    for (const effect of effects) {
      switch (effect.kind) {
        case 'answer':
          await this.answer(tx, conversation, effect, now, answers);
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
    const earlier = await executeTakeFirst(
      tx,
      qb
        .selectFrom('complaint')
        .select(['phone_sealed as phoneSealed', 'email_sealed as emailSealed', 'phone_index as phoneIndex', 'consent_at as consentAt'])
        .where('conversation_id', '=', conversation.id)
        .where((eb) => eb.or([eb('phone_sealed', 'is not', null), eb('email_sealed', 'is not', null)]))
        .orderBy('created_at', 'desc')
        .limit(1),
    );
    return earlier ?? {};
  }

  /** The customer's clock: the point of service's time zone when it has one, else the installation's working zone. */
  private async timeZoneOf(tx: EntityManager, conversation: ConversationEntity): Promise<string> {
    const point = conversation.pointOfService ? await tx.findOneBy(PointOfServiceEntity, { code: conversation.pointOfService }) : null;
    return point?.timeZone ?? WORKING_TIME_ZONE;
  }

  private async answer(tx: EntityManager, conversation: ConversationEntity, effect: Extract<DialogueEffect, { kind: 'answer' }>, now: Date, answers?: DialogueAnswer[]) {
    const { question } = effect;
    const answer: DialogueAnswer = {
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
    if (answers) answers.push(answer);
    else await writeAnswers(tx, [answer]);
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

/** A dialogue's answer as the `answer` table keeps it. */
export type DialogueAnswer = Omit<AnswerEntity, 'id' | 'source' | 'importBatchId' | 'externalCustomerRef'>;

/**
 * Inserts dialogue answers and adds those written to the reports' histograms, two statements
 * for up to `MAX_ROLLUP_BATCH` answers. The unique (conversation, question) key makes a second
 * answer to one question a no-op, and only an answer actually written is counted.
 */
export async function writeAnswers(tx: EntityManager, answers: readonly DialogueAnswer[]): Promise<void> {
  for (let from = 0; from < answers.length; from += MAX_ROLLUP_BATCH) {
    const batch = answers.slice(from, from + MAX_ROLLUP_BATCH);
    const written = await execute(
      tx,
      qb
        .insertInto('answer')
        .values(
          batch.map((a) => ({
            conversation_id: a.conversationId,
            customer_id: a.customerId,
            channel: a.channel,
            locale: a.locale,
            point_of_service: a.pointOfService,
            agent: a.agent,
            service_type: a.serviceType,
            pool_id: a.poolId,
            pool_version: a.poolVersion,
            question_code: a.questionCode,
            question_type: a.questionType,
            question_text: a.questionText,
            factor: a.factor,
            integral: a.integral,
            score: a.score,
            choice: a.choice,
            text: a.text,
            answered_at: a.answeredAt,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .returning(['conversation_id', 'question_code']),
    );
    const keyOf = (conversationId: string | null, questionCode: string) => `${conversationId}/${questionCode}`;
    const uncounted = new Set(written.map((r) => keyOf(r.conversation_id, r.question_code)));
    // Each written row once, by the first answer of its key.
    const counted = batch.filter((a) => uncounted.delete(keyOf(a.conversationId, a.questionCode)));
    await addToRollups(tx, counted.map((a) => ({ ...a, metric: a.questionType })));
  }
}

/** The contact's attributes every answer and complaint carries. */
export function attributesOf(c: ConversationEntity) {
  return { channel: c.channel, locale: c.locale, pointOfService: c.pointOfService, agent: c.agent, serviceType: c.serviceType };
}

function factorOf(question: Question, choice: string | undefined): string | null {
  if (question.type === 'single_choice' && choice) return question.options.find((o) => o.code === choice)?.factor ?? question.factor ?? null;
  return question.factor ?? null;
}
