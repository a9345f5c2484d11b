import { AnswerRollupAgentMonthlyEntity } from './answer-rollup-agent-monthly.entity';
import { AnswerRollupAgentEntity } from './answer-rollup-agent.entity';
import { AnswerRollupDailyEntity } from './answer-rollup-daily.entity';
import { AnswerRollupEntity } from './answer-rollup.entity';
import { ApiKeyEntity } from './api-key.entity';
import { CampaignEntity, CampaignMemberEntity } from './campaign.entity';
import { ContactEntity } from './contact.entity';
import { ContactInvitationStepEntity } from './contact-invitation-step.entity';
import { ConversationEntity, ConversationInputEntity } from './conversation.entity';
import { CustomerEntity, CustomerIdentityEntity } from './customer.entity';
import { CustomerPhraseEntity } from './customer-phrase.entity';
import { EarlyReceiptEntity } from './early-receipt.entity';
import { AnswerEntity, ComplaintEntity, OrganicFeedbackEntity } from './feedback.entity';
import { InboundUpdateEntity } from './inbound-update.entity';
import { IncidentEntity, IncidentEventEntity } from './incident.entity';
import { MessageEntity } from './message.entity';
import { OutboxSenderLeaseEntity } from './outbox-sender-lease.entity';
import { PersonEntity, PersonSessionEntity, PersonTokenEntity } from './person.entity';
import { PiiKeyEntity } from './pii-key.entity';
import { PointOfServiceEntity } from './point-of-service.entity';
import { ProblemEntity, ProblemEventEntity } from './problem.entity';
import { QuestionDrawCountEntity, QuestionDrawLogEntity, QuestionPoolEntity, QuestionPoolVersionEntity } from './question-pool.entity';
import { SignInAttemptEntity } from './sign-in-attempt.entity';
import { SlackLinkCodeEntity } from './slack-link-code.entity';
import { SurveyLinkEntity } from './survey-link.entity';
import { InvitationMessageEntity } from './invitation-message.entity';
import { StaffNoticeEntity } from './staff-notice.entity';
import { StandardVersionEntity } from './standard-version.entity';
import { SurveyPolicyEntity } from './survey-policy.entity';

export * from './answer-rollup-agent-monthly.entity';
export * from './answer-rollup-agent.entity';
export * from './answer-rollup-daily.entity';
export * from './answer-rollup.entity';
export * from './api-key.entity';
export * from './campaign.entity';
export * from './contact-attributes';
export * from './contact.entity';
export * from './contact-invitation-step.entity';
export * from './conversation.entity';
export * from './customer.entity';
export * from './customer-phrase.entity';
export * from './early-receipt.entity';
export * from './feedback.entity';
export * from './inbound-update.entity';
export * from './incident.entity';
export * from './message.entity';
export * from './outbox-sender-lease.entity';
export * from './person.entity';
export * from './pii-key.entity';
export * from './point-of-service.entity';
export * from './problem.entity';
export * from './question-pool.entity';
export * from './sign-in-attempt.entity';
export * from './slack-link-code.entity';
export * from './survey-link.entity';
export * from './invitation-message.entity';
export * from './staff-notice.entity';
export * from './standard-version.entity';
export * from './survey-policy.entity';

/** Every table Turbota owns; the migrations must agree with these. */
export const ENTITIES = [
  ApiKeyEntity,
  QuestionPoolEntity,
  QuestionPoolVersionEntity,
  QuestionDrawCountEntity,
  QuestionDrawLogEntity,
  SurveyPolicyEntity,
  CustomerEntity,
  CustomerIdentityEntity,
  ConversationEntity,
  ConversationInputEntity,
  InboundUpdateEntity,
  MessageEntity,
  OutboxSenderLeaseEntity,
  PiiKeyEntity,
  AnswerEntity,
  AnswerRollupEntity,
  AnswerRollupDailyEntity,
  AnswerRollupAgentEntity,
  AnswerRollupAgentMonthlyEntity,
  ComplaintEntity,
  OrganicFeedbackEntity,
  ContactEntity,
  ContactInvitationStepEntity,
  PointOfServiceEntity,
  CampaignEntity,
  CampaignMemberEntity,
  ProblemEntity,
  ProblemEventEntity,
  IncidentEntity,
  IncidentEventEntity,
  StaffNoticeEntity,
  StandardVersionEntity,
  CustomerPhraseEntity,
  PersonEntity,
  PersonSessionEntity,
  PersonTokenEntity,
  SignInAttemptEntity,
  SlackLinkCodeEntity,
  SurveyLinkEntity,
  InvitationMessageEntity,
  EarlyReceiptEntity,
];
