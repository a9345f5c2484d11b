import type { ApiError } from '../../../api/errors';

/** What the API said about a group of fields as a whole (`quietHours`, `cascade`), below the group, in its English words. */
export function FieldsetError({ error, field }: { error: ApiError | null; field: string }) {
  const problems = error?.problemsOf(field);
  if (!problems) return null;
  return (
    <p className="field__error" lang="en">
      {problems}
    </p>
  );
}
