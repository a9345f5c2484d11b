import { Foundation1795365778000 } from './1795365778000-Foundation';

/** Applied in this order; `npm run migration:generate -- <Name>` rewrites this list. */
export const MIGRATIONS = [Foundation1795365778000];
