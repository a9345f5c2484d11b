import { type CallHandler, type ExecutionContext, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, of } from 'rxjs';
import { z } from 'zod';
import { documentedResponseOf, openApiSchemaOf, ResponseSchemaCheck, ZodResponse } from './api-schema';

const item = z.strictObject({ id: z.uuid(), at: z.iso.datetime(), note: z.string().nullable() }).meta({ id: 'SpecItem' });

class Items {
  @ZodResponse(item)
  get() {
    return undefined;
  }

  @ZodResponse(z.array(item), { status: 201 })
  create() {
    return undefined;
  }
}

/** What the interceptor does with `body` returned by a handler of `Items`, answered with `status`. */
function check(handler: 'get' | 'create', body: unknown, status: number): Promise<unknown> {
  const context = {
    getHandler: () => Items.prototype[handler],
    getClass: () => Items,
    switchToHttp: () => ({ getResponse: () => ({ statusCode: status, getHeader: () => undefined }) }),
  } as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => of(body) };
  return lastValueFrom(new ResponseSchemaCheck(new Reflector()).intercept(context, next));
}

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('one schema per shape', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
  });

  it('documents a named schema by reference, with its fields as the API writes them', () => {
    expect(openApiSchemaOf(z.array(item), 'output')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/SpecItem' } });
    expect(documentedResponseOf(Items.prototype.create)?.status).toBe(201);
  });

  it('refuses to name two different shapes alike (a default reads differently as input and output)', () => {
    const defaulted = z.strictObject({ size: z.number().default(10) }).meta({ id: 'SpecDefaulted' });
    openApiSchemaOf(defaulted, 'input');
    expect(() => openApiSchemaOf(defaulted, 'output')).toThrow(/SpecDefaulted.*reads differently/);
  });

  it('lets a response through that matches its schema and status, dates travelling as ISO strings', async () => {
    const body = { id: ID, at: new Date('2026-12-06T10:00:00Z'), note: null };
    await expect(check('get', body, 200)).resolves.toBe(body);
  });

  it('answers 500 naming the field when a response says what the document does not', async () => {
    await expect(check('get', { id: ID, at: '2026-12-06T10:00:00.000Z', note: null, secret: 'x' }, 200)).rejects.toThrow(/Items\.get does not match its documentation: .*secret/);
    await expect(check('get', { id: 'not-a-uuid', at: '2026-12-06T10:00:00.000Z', note: null }, 200)).rejects.toThrow(/id: /);
    await expect(check('create', [], 200)).rejects.toThrow(/status 200, documented 201/);
  });
});
