import { useEffect, useRef, useSyncExternalStore } from 'react';
import { live, type LiveChange, type LiveStatus } from './live-connection';

/** Changes that arrive this close together make one reload. */
const GATHER_MS = 300;

/**
 * Calls `reload` when a change `matters` to the page (or everything must be read again), once for
 * the changes that arrive together, while the page is shown: whoever made it, wherever.
 */
export function useLiveChanges(matters: (change: LiveChange) => boolean, reload: () => void): void {
  const latest = useRef({ matters, reload });
  useEffect(() => {
    latest.current = { matters, reload };
  });
  useEffect(() => {
    let timer: number | undefined;
    const stop = live.listen((change) => {
      if (timer !== undefined || (change.type !== 'resync' && !latest.current.matters(change))) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        latest.current.reload();
      }, GATHER_MS);
    });
    return () => {
      stop();
      window.clearTimeout(timer);
    };
  }, []);
}

/** Whether the live stream is connected, for the header. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(live.watch, () => live.status);
}
