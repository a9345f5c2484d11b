import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { asApiError, type ApiError, ok } from '../../../api/errors';
import type { Point, PointLink, PolicyOption } from './point-types';

/** Something read from the API: the value, or why it could not be read. */
export interface Loaded<T> {
  value: T | null;
  error: ApiError | null;
  reload: () => Promise<void>;
  set: (value: T) => void;
}

function useLoaded<T>(read: () => Promise<T>): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(async () => {
    try {
      setValue(await read());
      setError(null);
    } catch (caught) {
      setError(asApiError(caught));
    }
  }, [read]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, error, reload, set: setValue };
}

const readPoints = () => ok(api.GET('/api/v1/points'));
const readPolicies = () => ok(api.GET('/api/v1/survey-policies'));

/** Every point of service. */
export const usePoints = (): Loaded<Point[]> => useLoaded(readPoints);

/** The active survey policies a point may name. */
export function usePolicies(): PolicyOption[] {
  const { value } = useLoaded(readPolicies);
  return (value ?? []).filter((policy) => policy.status === 'active');
}

/** One point by its id. */
export function usePoint(id: string): Loaded<Point> {
  const read = useCallback(() => ok(api.GET('/api/v1/points/{id}', { params: { path: { id } } })), [id]);
  return useLoaded(read);
}

/** A point's web chat, Telegram and Viber links, each with why it is missing when it is. */
export function usePointLinks(id: string): Loaded<PointLink[]> {
  const read = useCallback(() => ok(api.GET('/api/v1/points/{id}/links', { params: { path: { id } } })), [id]);
  return useLoaded(read);
}
