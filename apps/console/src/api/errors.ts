/** A field the API named in a 400, with what is wrong with it. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/** A refused or failed API call: its status (0 when the server could not be reached) and what the API said. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldProblems: FieldProblem[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** What the API said about one field, joined for showing beside it. */
  problemsOf(field: string): string | undefined {
    const problems = this.fieldProblems.filter((problem) => problem.field === field).flatMap((problem) => problem.problems);
    return problems.length > 0 ? problems.join('; ') : undefined;
  }

  /** Whether every problem the API named belongs to one of these fields (so the form shows them all). */
  coveredBy(fields: readonly string[]): boolean {
    return this.fieldProblems.length > 0 && this.fieldProblems.every((problem) => fields.includes(problem.field));
  }
}

interface ErrorBody {
  message?: unknown;
  errors?: unknown;
}

function fieldProblemsOf(errors: unknown): FieldProblem[] {
  if (!Array.isArray(errors)) return [];
  return errors.filter((e): e is FieldProblem => typeof e === 'object' && e !== null && typeof (e as FieldProblem).field === 'string' && Array.isArray((e as FieldProblem).problems));
}

function messageOf(body: ErrorBody | string | undefined, response: Response): string {
  if (typeof body === 'string' && body.length > 0) return body;
  const message = typeof body === 'object' ? body.message : undefined;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : response.statusText;
}

/** What an openapi-fetch call answers. */
interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer of a successful call, or an `ApiError` saying why it failed. */
export async function ok<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  const { response } = outcome;
  if (response.ok) return outcome.data as T;
  const body = outcome.error as ErrorBody | string | undefined;
  const retryAfter = Number(response.headers.get('Retry-After'));
  throw new ApiError(
    response.status,
    messageOf(body, response),
    typeof body === 'object' ? fieldProblemsOf(body.errors) : [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

/** What a failed call threw, as an ApiError (a network failure is status 0). */
export const asApiError = (caught: unknown): ApiError => (caught instanceof ApiError ? caught : new ApiError(0, String(caught)));
