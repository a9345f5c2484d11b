import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, ok } from '../../api/errors';
import type { PersonRef } from '../../api/types';

/** Who may own incidents (active supervisors and admins), by name; null while loading. */
export function useAssignable(): { people: PersonRef[] | null; error: ApiError | null } {
  const [people, setPeople] = useState<PersonRef[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let current = true;
    ok(api.GET('/api/v1/users/assignable')).then(
      (list) => current && setPeople(list),
      (caught: unknown) => current && setError(caught instanceof ApiError ? caught : new ApiError(0, String(caught))),
    );
    return () => {
      current = false;
    };
  }, []);
  return { people, error };
}
