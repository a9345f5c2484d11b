export * from './balanced-draw';
export * from './categories';
export * from './contacts';
export * from './likert';
export * from './question';
export * from './question-pool.schema';
export * from './survey-plan';
export * from './survey-policy.schema';
