export * from './feed-reader';
export * from './feed-window';
export * from './live-change';
export * from './live-change-feed';
export * from './live.module';
