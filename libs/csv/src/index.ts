export * from './byte-limit';
export * from './csv-records';
