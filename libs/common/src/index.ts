export * from './clock';
export * from './common.module';
