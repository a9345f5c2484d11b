export * from './standard-event';
