export * from './default-seeds';
export * from './question-pool.service';
export * from './seed-files';
export * from './survey-config.module';
export * from './survey-policy.service';
export * from './unique-violation';
