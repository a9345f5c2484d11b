import { PoolEditor } from './pool-editor';
import { PoolHistory } from './pool-history';
import { PoolList } from './pool-list';
import './pools.css';

/**
 * The question pools section: the list, a new pool, a pool's editor, its version history. The
 * editor stays mounted from `new` to the created pool's address, so its "saved" notice stays.
 */
export function PoolsPage({ rest }: { rest: string[] }) {
  const [id, view] = rest;
  if (!id) return <PoolList />;
  if (id === 'new') return <PoolEditor />;
  if (view === 'history') return <PoolHistory id={id} />;
  return <PoolEditor id={id} />;
}
