export * from './admin-key.bootstrap';
export * from './api-v1-controller.decorator';
export * from './api-key.guard';
export * from './api-key-hasher';
export * from './api-key.service';
export * from './auth.module';
export * from './principal.decorator';
export * from './roles.decorator';
