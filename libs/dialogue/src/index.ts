export * from './channel-limits';
export * from './dialogue-engine';
export * from './dialogue-state';
export * from './dialogue-texts';
export * from './prompt';
export * from './render';
export * from './expected-contact';
export { callMeOf } from './input-reading';
export * from './question-tag';
