export * from './masking';
export * from './pii-cipher';
export * from './pii-key-ledger';
export * from './pii-key-source';
export * from './privacy.module';
export * from './pii-reseal';
export * from './sealed-tables';
