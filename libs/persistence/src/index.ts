export * from './data-source';
export * from './embedded-database';
export * from './entities';
export * from './persistence.module';
export * from './scratch-database';
export * from './migrations';
export * from './typed-sql';
