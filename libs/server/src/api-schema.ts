import {
  applyDecorators,
  Body,
  type CallHandler,
  type ExecutionContext,
  HttpCode,
  Injectable,
  InternalServerErrorException,
  Logger,
  type NestInterceptor,
  type PipeTransform,
  Query,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import { parseOrThrow } from './zod-validation';

/**
 * One schema per shape: a route's zod schema is both what it validates and what the OpenAPI
 * document says, so neither can drift from the other. Named parts (`.meta({ id })`) become
 * components of the document; descriptions and examples come from `.meta()` as well.
 */

type Io = 'input' | 'output';

/** The document's named schemas, gathered as routes declare theirs. */
const COMPONENTS = new Map<string, { io: Io; json: string; schema: SchemaObject }>();

/** A string format that says all its pattern says; the pattern would only make the document unreadable. */
const SELF_DESCRIBING_FORMATS = new Set(['date-time', 'date', 'uuid', 'email', 'uri']);

/** The OpenAPI 3.0 schema of a zod schema, as a request (`input`) or a response (`output`) carries it. */
export function openApiSchemaOf(schema: z.ZodType, io: Io): SchemaObject {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      const node = jsonSchema as { format?: string; pattern?: string };
      if (node.format && SELF_DESCRIBING_FORMATS.has(node.format)) delete node.pattern;
    },
  }) as SchemaObject & { definitions?: Record<string, SchemaObject> };
  const { definitions, ...root } = json;
  for (const [id, definition] of Object.entries(definitions ?? {})) remember(id, io, withComponentRefs(definition));
  return withComponentRefs(root);
}

function remember(id: string, io: Io, schema: SchemaObject): void {
  const json = JSON.stringify(schema);
  const known = COMPONENTS.get(id);
  if (known && known.json !== json) {
    throw new Error(`The schema "${id}" reads differently as ${known.io} and as ${io} (a default or a transform); give each its own id`);
  }
  COMPONENTS.set(id, { io, json, schema });
}

function withComponentRefs<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/definitions/', '"#/components/schemas/')) as T;
}

/** The names of the schemas written in zod that the document holds. */
export function zodSchemaNames(): string[] {
  return [...COMPONENTS.keys()];
}

/** Puts the named schemas the routes declared into the document. */
export function addSchemaComponents(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...Object.fromEntries([...COMPONENTS].map(([id, { schema }]) => [id, schema])) };
}

/** Parses a request part with its schema: the handler gets the parsed value, or the caller a 400 naming each wrong field. */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    return parseOrThrow(this.schema, value);
  }
}

/** The JSON request body, validated by the schema and documented as it. */
export function ZodBody(schema: z.ZodType, example?: unknown): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodPipe(schema))(target, key, index);
    const descriptor = Object.getOwnPropertyDescriptor(target, key!)!;
    ApiBody({ schema: openApiSchemaOf(schema, 'input'), ...(example === undefined ? {} : { examples: { example: { value: example } } }) })(target, key!, descriptor);
  };
}

/** The query string, validated by an object schema and documented as one parameter per field. */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodPipe(schema))(target, key, index);
    const descriptor = Object.getOwnPropertyDescriptor(target, key!)!;
    const object = openApiSchemaOf(schema, 'input');
    const required = new Set(object.required ?? []);
    for (const [name, property] of Object.entries(object.properties ?? {}) as [string, SchemaObject][]) {
      const { description, ...rest } = property;
      ApiQuery({ name, required: required.has(name), description, schema: rest })(target, key!, descriptor);
    }
  };
}

const RESPONSE_SCHEMA = 'turbota:response-schema';

interface ResponseOptions {
  description?: string;
  /** The success status (200 unless given; a POST that creates says 201). */
  status?: number;
}

/** What a route's `ZodResponse` declared. */
export interface DocumentedResponse {
  schema: z.ZodType;
  status: number;
}

/** The response a route handler declared with `ZodResponse`, if any. */
export function documentedResponseOf(handler: object): DocumentedResponse | undefined {
  return Reflect.getMetadata(RESPONSE_SCHEMA, handler) as DocumentedResponse | undefined;
}

/**
 * The success response: its status is set and documented with its schema; with
 * `API_CHECK_RESPONSES` each one sent is checked against both.
 */
export function ZodResponse(schema: z.ZodType, options: ResponseOptions = {}): MethodDecorator {
  const status = options.status ?? 200;
  return applyDecorators(
    SetMetadata(RESPONSE_SCHEMA, { schema, status } satisfies DocumentedResponse),
    HttpCode(status),
    ApiResponse({ status, description: options.description ?? 'Done', schema: openApiSchemaOf(schema, 'output') }),
  );
}

/**
 * Checks each JSON response of a route with a `ZodResponse` against its schema, as the
 * response travels (dates as ISO strings). A mismatch is a 500 that names the route and the
 * fields, so the test suites fail wherever the document says something the API does not do.
 */
@Injectable()
export class ResponseSchemaCheck implements NestInterceptor {
  private readonly logger = new Logger('ResponseSchemaCheck');

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const documented = this.reflector.get<DocumentedResponse | undefined>(RESPONSE_SCHEMA, context.getHandler());
    if (!documented) return next.handle();
    return next.handle().pipe(
      map((body: unknown) => {
        const response = context.switchToHttp().getResponse<{ statusCode: number; getHeader(name: string): unknown }>();
        // A route that answers CSV instead (it set that type) sends no JSON for the schema to describe.
        const type = response.getHeader('content-type');
        if (typeof type === 'string' && !/\bjson\b/i.test(type)) return body;
        const sent = body === undefined ? undefined : (JSON.parse(JSON.stringify(body)) as unknown);
        const checked = documented.schema.safeParse(sent);
        const status = response.statusCode;
        if (checked.success && status === documented.status) return body;
        const problems = checked.success
          ? `status ${status}, documented ${documented.status}`
          : checked.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
        const message = `The response of ${context.getClass().name}.${context.getHandler().name} does not match its documentation: ${problems}`;
        this.logger.error(message);
        throw new InternalServerErrorException(message);
      }),
    );
  }
}
