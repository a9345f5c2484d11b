export * from './polling-worker';
