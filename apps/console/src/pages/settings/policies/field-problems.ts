import type { ApiError } from '../../../api/errors';
import type { FieldError } from '../../../components/field';

/** What the API said about a field and the parts of it (`serviceTypes.2`), shown at the field. */
export function problemsAt(error: ApiError | null, field: string): FieldError {
  const problems = (error?.fieldProblems ?? []).filter((p) => p.field === field || p.field.startsWith(`${field}.`)).flatMap((p) => p.problems);
  return problems.length > 0 ? { text: problems.join('; '), lang: 'en' } : undefined;
}

/** The fields a 400 named that the form shows at one of `shown` (or a part of it), so the form need not repeat them. */
export function fieldsShown(error: ApiError | null, shown: readonly string[]): string[] {
  return (error?.fieldProblems ?? []).map((p) => p.field).filter((field) => shown.some((s) => field === s || field.startsWith(`${s}.`)));
}
