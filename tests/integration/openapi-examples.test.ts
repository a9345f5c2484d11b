import { ManualClock } from '../support/manual-clock';
import { apiCall, startTestApp, TestApp } from '../support/test-app';

/** The parts of an OpenAPI 3 schema that Swagger UI reads to draw an example. */
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  example?: unknown;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
}

interface Operation {
  parameters?: { in: string }[];
  requestBody?: { content: Record<string, { schema: Schema; example?: unknown; examples?: Record<string, { value: unknown }> }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * The example body Swagger UI fills in for a schema ("Try it out"): the media type's or the
 * schema's `example` first, then each property's example, default or first enum value, then a
 * placeholder for its type, with every optional property included.
 */
function sampleOf(schema: Schema, doc: OpenApiDocument): unknown {
  if (schema.$ref) return sampleOf(doc.components.schemas[schema.$ref.split('/').pop()!], doc);
  if ('example' in schema) return schema.example;
  if ('default' in schema) return schema.default;
  if (schema.enum) return schema.enum[0];
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => sampleOf(part, doc)));
  if (schema.anyOf) return sampleOf(schema.anyOf[0], doc);
  if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, sampleOf(property, doc)]));
  switch (schema.type) {
    case 'array':
      return schema.items ? [sampleOf(schema.items, doc)] : [];
    case 'string':
      return STRING_PLACEHOLDERS[schema.format ?? ''] ?? 'string';
    case 'number':
    case 'integer':
      return schema.minimum ?? 0;
    case 'boolean':
      return true;
    default:
      return {};
  }
}

// Swagger UI's placeholders for string formats.
const STRING_PLACEHOLDERS: Record<string, string> = {
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  'date-time': '2026-12-01T10:00:00.000Z',
  date: '2026-12-01',
  email: 'user@example.com',
};

/** The bodies an operation documents: each of its named examples, or else its example, or else the schema's. */
function exampleBodies(operation: Operation, doc: OpenApiDocument): Record<string, unknown>[] {
  const media = operation.requestBody!.content['application/json'];
  const named = Object.values(media.examples ?? {}).map((example) => example.value);
  const bodies = named.length ? named : [media.example ?? sampleOf(media.schema, doc)];
  return bodies.map((body) => structuredClone(body) as Record<string, unknown>);
}

// Created first so that the later examples can name them (a policy names its pool, a campaign its policy).
const CREATION_ORDER = ['question-pools', 'survey-policies', 'points', 'contacts', 'campaigns', 'incidents', 'api-keys'];
const resourceOf = (path: string) => path.replace('/api/v1/', '');

/** Every "create" operation: a POST of a JSON body to a collection (no id in the path). */
function createOperations(doc: OpenApiDocument): { path: string; operation: Operation }[] {
  return Object.entries(doc.paths)
    .flatMap(([path, operations]) => (operations.post ? [{ path, operation: operations.post }] : []))
    // Signing in and setting up are not resources an API key creates.
    .filter(({ path, operation }) => !path.includes('{') && !path.startsWith('/api/v1/auth/') && operation.requestBody?.content['application/json'])
    .sort((a, b) => rank(a.path) - rank(b.path));
}

function rank(path: string): number {
  const index = CREATION_ORDER.indexOf(resourceOf(path));
  return index === -1 ? CREATION_ORDER.length : index;
}

describe('the OpenAPI document (/docs-json)', () => {
  let t: TestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    // The documented campaign window lies in January 2027: the test stands before it.
    t = await startTestApp({ clock: new ManualClock('2026-12-01T10:00:00Z') });
    doc = (await (await fetch(`${t.url}/docs-json`)).json()) as OpenApiDocument;
  });
  afterAll(() => t.close());

  it('describes every nullable text of a policy, a point and a contact as a string, not an object', () => {
    const { schemas } = doc.components;
    const typeOf = (dto: string, field: string) => schemas[dto].properties![field].type;
    const texts = {
      SurveyPolicyInput: ['reasonQuestion', 'improvementQuestion', 'contactQuestion', 'reviewUrl'],
      PointInput: ['address', 'timeZone'],
      ContactInput: ['agent', 'serviceType', 'pointOfService'],
    };
    for (const [name, fields] of Object.entries(texts)) {
      for (const field of fields) expect(`${name}.${field}: ${typeOf(name, field)}`).toBe(`${name}.${field}: string`);
    }
    expect(typeOf('SurveyPolicyInput', 'reminderAfterMinutes')).toBe('integer');
  });

  it('gives examples that are accepted as they are: every create endpoint answers 2xx to its own example', async () => {
    const pools = (await (await apiCall(t.url, '/api/v1/question-pools')).json()) as { id: string; name: string }[];
    // Ids an example cannot know, filled in as a user of Swagger UI would: the policy examples name
    // the questions of the seeded pool ("reason", "improvement", "contact").
    const ids: Record<string, string> = { poolId: pools.find((p) => p.name === 'Post-contact')!.id };
    const operations = createOperations(doc);
    expect(operations.map(({ path }) => resourceOf(path))).toEqual(expect.arrayContaining(CREATION_ORDER));

    const answers: string[] = [];
    const expected: unknown[] = [];
    for (const { path, operation } of operations) {
      for (const body of exampleBodies(operation, doc)) {
        for (const field of Object.keys(body)) if (ids[field]) body[field] = ids[field];
        const response = await apiCall(t.url, path, { method: 'POST', body });
        const answer = (await response.json()) as { id?: string; message?: unknown };
        answers.push(`POST ${path}: ${response.status}${response.ok ? '' : ` ${JSON.stringify(answer.message)}`}`);
        expected.push(expect.stringMatching(new RegExp(`^POST ${path}: 20\\d$`)));
        if (resourceOf(path) === 'survey-policies' && answer.id) ids.policyId = answer.id;
      }
    }
    expect(answers).toEqual(expected);
  });

  it('gives examples for changing a policy and a point that are accepted as they are', async () => {
    const pools = (await (await apiCall(t.url, '/api/v1/question-pools')).json()) as { id: string; name: string }[];
    const ids: Record<string, string> = { poolId: pools.find((p) => p.name === 'Post-contact')!.id };
    const changes = [
      { collection: '/api/v1/survey-policies', path: '/api/v1/survey-policies/{id}', created: { name: 'To be changed', integralMetric: 'nps', poolId: ids.poolId } },
      { collection: '/api/v1/points', path: '/api/v1/points/{id}', created: { code: 'to-be-changed', name: 'To be changed' } },
    ];
    for (const change of changes) {
      const created = (await (await apiCall(t.url, change.collection, { method: 'POST', body: change.created })).json()) as { id: string };
      if (change.collection.endsWith('survey-policies')) ids.policyId = created.id;
      // Another name and code than the create examples', which are taken by now.
      const body: Record<string, unknown> = { ...exampleBodies(doc.paths[change.path].patch, doc)[0], name: 'Changed from the example' };
      for (const field of Object.keys(body)) if (ids[field]) body[field] = ids[field];
      if ('code' in body) body.code = 'changed-from-the-example';
      const response = await apiCall(t.url, change.path.replace('{id}', created.id), { method: 'PATCH', body });
      expect(`PATCH ${change.path}: ${response.status} ${response.ok ? '' : JSON.stringify(await response.json())}`).toBe(`PATCH ${change.path}: 200 `);
    }
  });
});
