import { ApiKeyEntity } from './api-key.entity';
import { ConversationEntity, ConversationInputEntity } from './conversation.entity';
import { CustomerEntity, CustomerIdentityEntity } from './customer.entity';
import { AnswerEntity, ComplaintEntity, OrganicFeedbackEntity } from './feedback.entity';
import { MessageEntity } from './message.entity';
import { QuestionDrawCountEntity, QuestionPoolEntity, QuestionPoolVersionEntity } from './question-pool.entity';
import { SurveyPolicyEntity } from './survey-policy.entity';

export * from './api-key.entity';
export * from './contact-attributes';
export * from './conversation.entity';
export * from './customer.entity';
export * from './feedback.entity';
export * from './message.entity';
export * from './question-pool.entity';
export * from './survey-policy.entity';

/** Every table Turbota owns; the migrations must agree with these. */
export const ENTITIES = [
  ApiKeyEntity,
  QuestionPoolEntity,
  QuestionPoolVersionEntity,
  QuestionDrawCountEntity,
  SurveyPolicyEntity,
  CustomerEntity,
  CustomerIdentityEntity,
  ConversationEntity,
  ConversationInputEntity,
  MessageEntity,
  AnswerEntity,
  ComplaintEntity,
  OrganicFeedbackEntity,
];
