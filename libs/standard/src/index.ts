export * from './default-standard';
export * from './phrase-rotation';
export * from './standard-event';
export * from './standard-table';
export * from './standard.module';
export * from './standard.service';
