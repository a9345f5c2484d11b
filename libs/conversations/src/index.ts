export * from './conversation.service';
export * from './conversations.module';
export * from './customer-directory';
export * from './dialogue-texts.provider';
export * from './survey-planner';
