export * from './complaint-recorded.hook';
export * from './conversation.service';
export * from './conversations.module';
export * from './customer-directory';
export * from './resolution-answered.hook';
export * from './dialogue-texts.provider';
export * from './survey-planner';
export * from './input-budget';
