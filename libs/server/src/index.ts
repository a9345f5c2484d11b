export * from './bootstrap';
export * from './byte-limit';
export * from './csv-records';
export * from './http-setup';
export * from './root.module';
export * from './zod-validation';
