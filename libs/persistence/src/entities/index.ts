import { ApiKeyEntity } from './api-key.entity';

export * from './api-key.entity';

/** Every table Turbota owns; the migrations must agree with these. */
export const ENTITIES = [ApiKeyEntity];
