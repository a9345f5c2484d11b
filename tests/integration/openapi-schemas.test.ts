import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { documentedResponseOf, openApiSchemaOf, ZodPipe, zodSchemaNames } from '@turbota/server';
import { startTestApp, type TestApp } from '../support/test-app';

interface Operation {
  parameters?: { in: string; name: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

/** A route of the running application: where it is, and the zod pipes on its body and query. */
interface Route {
  operation: string;
  body?: ZodPipe<unknown>;
  query?: ZodPipe<unknown>;
  readsBody: boolean;
  readsQuery: boolean;
  handler: object;
}

/** Every `/api/v1` route, read from the controllers Nest registered. */
function apiRoutes(t: TestApp): Route[] {
  const controllers = [...t.app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type));
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller));
    if (!base.startsWith('api/v1')) return [];
    return Object.getOwnPropertyNames(controller.prototype).flatMap((name) => {
      const handler = (controller.prototype as Record<string, object>)[name];
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined || name === 'constructor') return [];
      const path = `/${base}/${String(Reflect.getMetadata(PATH_METADATA, handler))}`.replace(/\/+$/, '').replace(/\/\/+/g, '/').replace(/:(\w+)/g, '{$1}');
      const args = Object.entries((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { pipes?: unknown[] }>);
      const argOf = (type: RouteParamtypes) => args.filter(([key]) => key.startsWith(`${type}:`)).map(([, arg]) => arg);
      const zodPipeOf = (type: RouteParamtypes) => argOf(type).flatMap((arg) => arg.pipes ?? []).find((pipe): pipe is ZodPipe<unknown> => pipe instanceof ZodPipe);
      return [{
        operation: `${RequestMethod[method]} ${path}`,
        body: zodPipeOf(RouteParamtypes.BODY),
        query: zodPipeOf(RouteParamtypes.QUERY),
        readsBody: argOf(RouteParamtypes.BODY).length > 0,
        readsQuery: argOf(RouteParamtypes.QUERY).length > 0,
        handler,
      }];
    });
  });
}

describe('one schema per shape: the OpenAPI document says what each route validates and returns', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let routes: Route[];
  const operationOf = (route: Route) => {
    const [method, path] = route.operation.split(' ');
    return doc.paths[path]?.[method.toLowerCase()];
  };

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await (await fetch(`${t.url}/docs-json`)).json()) as OpenApiDocument;
    routes = apiRoutes(t);
  });
  afterAll(() => t?.close());

  it('finds every documented API operation among the routes', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) => (path.startsWith('/api/v1') ? Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`) : []));
    expect(routes.map((route) => route.operation).sort()).toEqual(documented.sort());
    expect(routes.length).toBeGreaterThan(40);
  });

  it('validates every JSON body and query with the schema it documents', () => {
    const problems: string[] = [];
    for (const route of routes) {
      const operation = operationOf(route);
      const documentedBody = operation.requestBody?.content['application/json']?.schema;
      if (route.readsBody && !route.body && documentedBody) problems.push(`${route.operation}: its body is documented but not validated by a ZodBody`);
      if (route.body) expect({ [route.operation]: documentedBody }).toEqual({ [route.operation]: openApiSchemaOf(route.body.schema, 'input') });
      const documentedQuery = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name).sort();
      if (route.readsQuery && !route.query) problems.push(`${route.operation}: reads its query without a ZodQuery`);
      const validatedQuery = route.query ? Object.keys((openApiSchemaOf(route.query.schema, 'input') as { properties?: object }).properties ?? {}).sort() : [];
      if (documentedQuery.join() !== validatedQuery.join()) problems.push(`${route.operation}: documents the query ${documentedQuery.join(', ') || '(none)'} but validates ${validatedQuery.join(', ') || '(none)'}`);
    }
    expect(problems).toEqual([]);
  });

  it('documents every JSON success response by the schema the responses are checked against', () => {
    const problems: string[] = [];
    for (const route of routes) {
      const operation = operationOf(route);
      const declared = documentedResponseOf(route.handler);
      const json = Object.entries(operation.responses).filter(([status, response]) => status.startsWith('2') && response.content?.['application/json']);
      if (!declared) {
        if (json.length) problems.push(`${route.operation}: documents a JSON response without a ZodResponse`);
        continue;
      }
      expect({ [route.operation]: operation.responses[String(declared.status)]?.content?.['application/json']?.schema }).toEqual({ [route.operation]: openApiSchemaOf(declared.schema, 'output') });
    }
    expect(problems).toEqual([]);
  });

  it('holds no schema that was not written in zod', () => {
    const zod = new Set(zodSchemaNames());
    expect(Object.keys(doc.components.schemas).filter((name) => !zod.has(name))).toEqual([]);
  });
});
