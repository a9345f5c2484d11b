import { SetMetadata } from '@nestjs/common';
import { ApiRole } from '@turbota/persistence';

export const ROLES = 'turbota:roles';

/** The roles (besides admin, who may do everything) allowed to call a handler or a controller. */
export const Roles = (...roles: ApiRole[]) => SetMetadata(ROLES, roles);
