export * from './customer-points';
export * from './messenger-accounts';
export * from './point-code';
export * from './point-input';
export * from './point-links';
export * from './point-link-status';
export * from './point.service';
export * from './points.module';
