import { BadRequestException } from '@nestjs/common';
import { withoutEchoedReadOnly } from './read-only-fields';

const current = { id: 'a1', name: 'Branches', version: 3, createdAt: new Date('2026-11-30T10:00:00.123Z') };
const READ_ONLY = ['id', 'version', 'createdAt'] as const;

function refusal(body: unknown): { message: string; errors: { field: string }[] } {
  try {
    withoutEchoedReadOnly(body, current, READ_ONLY);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as { message: string; errors: { field: string }[] };
  }
  throw new Error('not refused');
}

describe('read-only fields sent back', () => {
  it('drops them when they hold what GET returned, keeping the rest', () => {
    const echoed = JSON.parse(JSON.stringify({ ...current, name: 'Kyiv branches' })) as unknown;
    expect(withoutEchoedReadOnly(echoed, current, READ_ONLY)).toEqual({ name: 'Kyiv branches' });
  });

  it('refuses a changed one, naming it and any field the resource does not have', () => {
    const refused = refusal({ id: 'b2', version: 3, name: 'x', state: 'closed' });
    expect(refused.errors.map((e) => e.field)).toEqual(['id', '(body)']);
    expect(refused.message).toMatch(/^id: is read-only.*; unknown field\(s\): state$/);
    expect(refusal({ createdAt: '2020-01-01T00:00:00Z' }).errors.map((e) => e.field)).toEqual(['createdAt']);
  });

  it('leaves a body that is not an object to the schema', () => {
    expect(withoutEchoedReadOnly([1], current, READ_ONLY)).toEqual([1]);
  });
});
