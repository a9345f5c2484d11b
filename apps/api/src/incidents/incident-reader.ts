import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest, Principal } from '@turbota/auth';
import { firstLocale, type Locale } from '@turbota/common';

/** Who reads an incident, and the language the standard's tasks are shown to them in. */
export interface IncidentReader {
  principal: Principal;
  /** Undefined: the incident's own language (the phrases for the customer always are). */
  tasksLocale?: Locale;
}

/**
 * The tasks are for the staff, so they follow the reader: the request's Accept-Language among
 * uk, ru and en (the console sends the language on its screen), else a person's chosen language,
 * else (an integration without either) the incident's.
 */
export function readerOf(principal: Principal, acceptLanguage: string | undefined): IncidentReader {
  const chosen = principal.kind === 'person' ? principal.locale : null;
  return { principal, tasksLocale: firstLocale([acceptLanguage]) ?? chosen ?? undefined };
}

/** The caller as an {@link IncidentReader}, from the API guard's principal and the Accept-Language header. */
export const CurrentReader = createParamDecorator((_: unknown, context: ExecutionContext): IncidentReader => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return readerOf(request.principal, request.headers['accept-language']);
});
