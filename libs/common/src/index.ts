export * from './clock';
export * from './locale';
export * from './project-root';
export * from './common.module';
