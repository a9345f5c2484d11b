import { Body, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { openApiSchemaOf, validationError, ZodPipe } from '@turbota/server';
import { parseStandardTable, StandardService, type StandardTable, standardTableSchema } from '@turbota/standard';
import { withoutEchoedReadOnly } from '../read-only-fields';
import { standardVersionView } from './standard.schemas';

/**
 * Checks the table with its documented schema, and names each wrong place as the people who
 * edit the table know it: an action by its code (`events.detractor.actions[apologise].phrases.uk`).
 */
class StandardTablePipe extends ZodPipe<StandardTable> {
  constructor() {
    super(standardTableSchema);
  }

  override transform(value: unknown): StandardTable {
    const parsed = parseStandardTable(value);
    if (!parsed.ok) throw validationError(parsed.errors);
    return parsed.value;
  }
}

/** The body of `PUT /standard`: the whole table, validated and documented by `standardTableSchema`. */
export function StandardTableBody(): ParameterDecorator {
  return (target, key, index) => {
    Body(new StandardTablePipe())(target, key, index);
    ApiBody({ schema: openApiSchemaOf(standardTableSchema, 'input') })(target, key!, Object.getOwnPropertyDescriptor(target, key!)!);
  };
}

/** What GET returns and PUT cannot set. */
const STANDARD_READ_ONLY = ['version', 'createdAt', 'createdBy'] as const;

/**
 * GET → edit → PUT: drops the read-only fields GET returned while they still hold the current
 * version's values, and refuses any that changed with a 400 naming them (and any unknown field
 * beside them). It runs before the body's schema, which knows the table alone.
 */
@Injectable()
export class EchoedStandardFields implements NestInterceptor {
  constructor(private readonly standard: StandardService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<{ body: unknown }>();
    request.body = withoutEchoedReadOnly(request.body, standardVersionView(await this.standard.current()), STANDARD_READ_ONLY);
    return next.handle();
  }
}
