import { type Dispatch, type SetStateAction, useEffect, useRef, useState } from 'react';
import { type ApiError, asApiError } from '../api/errors';
import type { LiveChange } from './live-connection';
import { useLiveChanges } from './use-live-changes';

/** What `useLiveRead` holds: the thing read (null until it is), a setter for what an action answered, and a failed first read. */
export interface LiveRead<T> {
  value: T | null;
  setValue: Dispatch<SetStateAction<T | null>>;
  error: ApiError | null;
  setError: Dispatch<SetStateAction<ApiError | null>>;
}

/**
 * One thing a page shows (an incident, a problem): read by `read` when the page opens (and when
 * `read` changes), and read again whenever a live change `matters` to what is shown, whoever made it.
 */
export function useLiveRead<T>(read: () => Promise<T>, matters: (change: LiveChange, shown: T | null) => boolean): LiveRead<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const shown = useRef<T | null>(null);
  useEffect(() => {
    shown.current = value;
  }, [value]);
  useEffect(() => {
    let current = true;
    read().then(
      (fresh) => current && setValue(fresh),
      (caught: unknown) => current && setError(asApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [read]);
  // A failed re-read leaves what is shown; the next change or a reload tries again.
  useLiveChanges((change) => matters(change, shown.current), () => void read().then(setValue, () => undefined));
  return { value, setValue, error, setError };
}
