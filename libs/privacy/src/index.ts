export * from './masking';
export * from './pii-cipher';
export * from './privacy.module';
export * from './pii-reseal';
