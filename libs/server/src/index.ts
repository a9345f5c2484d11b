export * from './bootstrap';
export * from './http-setup';
export * from './root.module';
export * from './zod-validation';
