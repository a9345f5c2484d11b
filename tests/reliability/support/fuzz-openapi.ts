import type { FuzzRandom } from './fuzz-random';
import type { FuzzRequest, FuzzTarget } from './fuzz-runner';
import { hostileJsonBody, hostileNumber, hostileString, hostileValue, type Json, type RawBody } from './fuzz-values';
import { pathSegment } from './fuzz-webhooks';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: Json[];
  example?: Json;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  /** Absent on the public routes (signing in): they answer without a credential. */
  security?: unknown[];
}

/** The parts of the application's OpenAPI document the fuzz reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One documented route: `GET /api/v1/incidents/{id}`. */
export interface ApiOperation {
  method: string;
  path: string;
  operation: Operation;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const BODY_TYPES = new Set(['application/json', 'text/csv']);

export function apiOperations(document: OpenApiDocument): ApiOperation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

/** A value that fits the schema, from its examples where the document has them. */
function example(schema: Schema | undefined, document: OpenApiDocument, depth = 0): Json {
  if (!schema || depth > 6) return null;
  if (schema.$ref) return example(document.components?.schemas?.[schema.$ref.split('/').pop()!], document, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  const composed = schema.allOf?.[0] ?? schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (composed) return example(composed, document, depth + 1);
  if (schema.type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, example(property, document, depth + 1)]));
  }
  if (schema.type === 'array') return [example(schema.items, document, depth + 1)];
  if (schema.type === 'integer' || schema.type === 'number') return 1;
  if (schema.type === 'boolean') return true;
  if (schema.format === 'date-time') return '2026-01-15T10:00:00Z';
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  return 'example';
}

/** Text that URLSearchParams and a URL path can carry (no lone surrogates). */
const wellFormed = (text: string) => text.replace(/[\ud800-\udfff]/g, '\ufffd');

function queryValue(rng: FuzzRandom, schema: Schema | undefined, document: OpenApiDocument): string {
  const roll = rng.next();
  if (roll < 0.25) {
    const value = example(schema, document);
    return typeof value === 'string' ? value : JSON.stringify(value);
  }
  if (roll < 0.6) return wellFormed(hostileString(rng)).slice(0, 4_000);
  if (roll < 0.8) return String(hostileNumber(rng));
  return wellFormed(JSON.stringify(hostileValue(rng)) ?? '').slice(0, 4_000);
}

function query(rng: FuzzRandom, parameters: Parameter[], document: OpenApiDocument): string {
  if (rng.chance(0.08)) return `?${rng.pick(['%ZZ', '&&=&', 'a[', '%00=%00', 'limit[]=1&limit[]=2', 'from[$gt]=1', '__proto__[x]=1', '=', '%E0%A4%A'])}`;
  const search = new URLSearchParams();
  for (const parameter of parameters.filter((p) => p.in === 'query')) {
    if (!rng.chance(0.6)) continue;
    search.append(rng.chance(0.05) ? `${parameter.name}[x]` : parameter.name, queryValue(rng, parameter.schema, document));
    if (rng.chance(0.1)) search.append(parameter.name, queryValue(rng, parameter.schema, document));
  }
  if (rng.chance(0.15)) search.append(wellFormed(hostileString(rng)).slice(0, 100) || 'unknown', 'x');
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A CSV import: a header and rows of hostile cells, quotes broken, bytes invalid, or far too long. */
function hostileCsv(rng: FuzzRandom): RawBody {
  const roll = rng.next();
  const header = rng.pick(['channel,address,agent,point_of_service,service_type,finished_at', 'question_code,value,answered_at,channel', '', 'a;b;c', '\ufeffchannel,address']);
  const cell = () => {
    const value = hostileValue(rng);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return rng.chance(0.5) ? `"${text.replace(/"/g, '""')}"` : text.slice(0, 2_000);
  };
  if (roll < 0.1) return { body: Buffer.concat([Buffer.from(`${header}\n`), Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0x00]), Buffer.from(',x\n')]), contentType: 'text/csv', shape: 'csv-invalid-utf8' };
  if (roll < 0.15) return { body: Buffer.from(`${header}\n"unterminated,${'x'.repeat(rng.int(10, 5_000))}\n`), contentType: 'text/csv', shape: 'csv-broken-quote' };
  if (roll < 0.2) return { body: Buffer.from(''), contentType: rng.pick(['text/csv', 'application/json', 'multipart/form-data']), shape: 'csv-empty' };
  if (roll < 0.25) return { body: Buffer.from(`${header}\n${'a,'.repeat(rng.int(1_000, 20_000))}\n`), contentType: 'text/csv', shape: 'csv-wide-row' };
  const rows = Array.from({ length: rng.int(1, 30) }, () => Array.from({ length: rng.int(0, 9) }, cell).join(rng.chance(0.9) ? ',' : ';'));
  return { body: Buffer.from([header, ...rows].join(rng.chance(0.8) ? '\n' : '\r')), contentType: rng.chance(0.9) ? 'text/csv' : rng.pick(['text/plain', 'application/json', 'application/octet-stream']), shape: 'csv-rows' };
}

/**
 * One target per documented route: hostile path parameters, query strings, If-Match headers
 * and bodies; most with the admin key (to reach validation), some without (which must be 401).
 */
export function apiTargets(document: OpenApiDocument, adminKey: string): FuzzTarget[] {
  return apiOperations(document).map(({ method, path, operation }) => {
    const parameters = operation.parameters ?? [];
    const [bodyType, body] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
    if (bodyType && !BODY_TYPES.has(bodyType)) throw new Error(`${method} ${path}: the fuzz has no generator for ${bodyType} bodies`);
    const valid = bodyType === 'application/json' ? example(body?.schema, document) : undefined;
    return {
      name: `${method} ${path}`,
      build(rng: FuzzRandom): FuzzRequest {
        const url = path.replace(/\{(\w+)\}/g, () => (rng.chance(0.25) ? rng.pick(['00000000-0000-4000-8000-000000000000', '1', '0', '-1', '1.5', '99999999999999999999']) : pathSegment(rng)));
        const anonymous = rng.chance(0.1);
        const headers: Record<string, string> = anonymous ? (rng.chance(0.5) ? {} : { Authorization: rng.pick(['Bearer ', 'Bearer wrong-key-0123456789abcdef', 'Basic eDp5', `Bearer ${adminKey}x`, 'bearer']) }) : { Authorization: `Bearer ${adminKey}` };
        if (parameters.some((p) => p.in === 'header') && rng.chance(0.5)) headers['If-Match'] = rng.pick(['"1"', '1', '*', 'W/"2"', '"-1"', '"99999999999999999999"', '', '"abc"', 'x'.repeat(500)]);
        let raw: RawBody | undefined;
        if (bodyType === 'text/csv') raw = hostileCsv(rng);
        else if (bodyType === 'application/json' || (method !== 'GET' && rng.chance(0.3))) raw = hostileJsonBody(rng, valid);
        if (method === 'GET' || method === 'DELETE') raw = undefined;
        if (raw?.contentType) headers['Content-Type'] = raw.contentType;
        // Without a key only the body parser may speak first (a body it cannot read); the public
        // routes (signing in) answer anyone, and are held only to answering without a 5xx.
        const guarded = path.startsWith('/api/v1/') && (operation.security?.length ?? 0) > 0;
        return { method, path: `${url}${query(rng, parameters, document)}`, headers, body: raw?.body, shape: raw?.shape ?? 'no-body', expect: anonymous && guarded ? [400, 401, 404, 413, 414, 415, 431] : undefined };
      },
    };
  });
}
