import { z } from 'zod';
import { acceptingReadOnlyEcho, changedReadOnly, splitEcho } from './read-only-echo';

const held = { id: '0b6f0c2e-6a52-4c8e-9d43-3c1c4c1f6f10', status: 'active', version: 3, createdAt: new Date('2026-01-02T03:04:05.678Z'), updatedAt: new Date('2026-02-03T04:05:06.789Z') };
const echoed = { id: held.id, status: 'active' as const, version: 3, createdAt: '2026-01-02T03:04:05.678Z', updatedAt: '2026-02-03T04:05:06.789Z' };

describe('read-only fields carried back by a change', () => {
  const change = acceptingReadOnlyEcho({ name: z.string().optional() });

  it('takes what GET returned, unchanged, and leaves only the change', () => {
    const parsed = change.parse({ ...echoed, name: 'Renamed' });
    const { echo, rest } = splitEcho(parsed);
    expect(rest).toEqual({ name: 'Renamed' });
    expect(changedReadOnly(echo, held)).toEqual([]);
  });

  it('names each one that differs, with the value to send', () => {
    const { echo } = splitEcho(change.parse({ ...echoed, version: 2, createdAt: '2026-01-02T03:04:05Z' }));
    expect(changedReadOnly(echo, held)).toEqual([
      { field: 'version', problems: ['is read-only: leave it out, or send it as GET returned it (3)'] },
      { field: 'createdAt', problems: ['is read-only: leave it out, or send it as GET returned it ("2026-01-02T03:04:05.678Z")'] },
    ]);
  });

  it('refuses them along with a field the record does not have: such a body is not what GET returned', () => {
    const parsed = change.safeParse({ name: 'Renamed', id: held.id, version: 'nine', owner: 'me' });
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.code])).toEqual([
      ['version', 'invalid_type'],
      ['', 'unrecognized_keys'],
      ['id', 'custom'],
    ]);
  });
});
