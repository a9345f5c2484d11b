import type { Role } from '../../api/types';

/** The roles a person can have, most powerful first. */
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'viewer'];
