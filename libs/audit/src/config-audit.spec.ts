import { fieldChanges } from './config-audit';

describe('fieldChanges', () => {
  it('keeps each changed field with both values as JSON holds them, and leaves out the unchanged', () => {
    const before = { name: 'Kyiv', quietHours: { start: '21:00', end: '09:00' }, windowEnd: new Date('2026-12-01T10:00:00Z'), tags: ['a'] };
    const after = { name: 'Kyiv', quietHours: { start: '22:00', end: '09:00' }, windowEnd: new Date('2026-12-02T10:00:00Z'), tags: ['a'] };
    expect(fieldChanges(before, after)).toEqual({
      quietHours: { before: { start: '21:00', end: '09:00' }, after: { start: '22:00', end: '09:00' } },
      windowEnd: { before: '2026-12-01T10:00:00.000Z', after: '2026-12-02T10:00:00.000Z' },
    });
  });

  it('gives null for the side that has no value: a new subject, a removed one, a field set or cleared', () => {
    expect(fieldChanges(null, { code: 'kyiv-1', address: undefined })).toEqual({ code: { before: null, after: 'kyiv-1' } });
    expect(fieldChanges({ code: 'kyiv-1' }, null)).toEqual({ code: { before: 'kyiv-1', after: null } });
    expect(fieldChanges({ slackUserId: 'U1' }, { slackUserId: null })).toEqual({ slackUserId: { before: 'U1', after: null } });
  });

  it('never carries a secret or bookkeeping, whatever a view holds', () => {
    const before = { id: 'k1', key: 'tb_old', keyHash: 'h1', fingerprint: 'fp:1', passwordHash: 'p1', token: 't1', clientSecret: 's1', updatedAt: '1', role: 'viewer' };
    const after = { id: 'k2', key: 'tb_new', keyHash: 'h2', fingerprint: 'fp:2', passwordHash: 'p2', token: 't2', clientSecret: 's2', updatedAt: '2', role: 'admin' };
    expect(fieldChanges(before, after)).toEqual({ role: { before: 'viewer', after: 'admin' } });
  });
});
