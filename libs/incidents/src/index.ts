export * from './incident.model';
