export * from './config-audit';
