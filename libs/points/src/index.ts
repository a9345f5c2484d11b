export * from './point-input';
export * from './point-links';
export * from './point.service';
export * from './points.module';
