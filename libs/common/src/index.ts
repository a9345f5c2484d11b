export * from './advisory-locks';
export * from './clock';
export * from './domain-errors';
export * from './locale';
export * from './project-root';
export * from './same-secret';
export * from './seeded-random';
export * from './common.module';
