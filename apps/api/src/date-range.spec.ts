import { DAY_RULE, dayField, dayOrInstantField, fromNotAfterTo, periodOf } from './date-range';

describe('the API date rule', () => {
  it('reads a day as the whole UTC day, to included', () => {
    expect(periodOf({ from: '2026-11-30', to: '2026-11-30' })).toEqual({ start: new Date('2026-11-30T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') });
    expect(periodOf({ to: '2026-12-31' })).toEqual({ start: undefined, end: new Date('2027-01-01T00:00:00Z') });
  });

  it('reads a moment with its offset as exactly that moment', () => {
    expect(periodOf({ from: '2026-11-30T09:00:00+02:00', to: '2026-11-30T10:00:00Z' })).toEqual({ start: new Date('2026-11-30T07:00:00Z'), end: new Date('2026-11-30T10:00:00Z') });
  });

  it('takes only calendar days for reports, and days or moments with an offset for lists', () => {
    for (const ok of ['2026-11-30', '2028-02-29']) expect(dayField('from').safeParse(ok).success).toBe(true);
    for (const bad of ['2026-02-30', '2026-11-30T00:00:00Z', '30.11.2026', 'yesterday']) expect(dayField('from').safeParse(bad).success).toBe(false);
    for (const ok of ['2026-11-30', '2026-11-30T09:00Z', '2026-11-30T09:00:00.123456+02:00']) expect(dayOrInstantField('to').safeParse(ok).success).toBe(true);
    for (const bad of ['2026-11-30T09:00:00', '2026-02-30T09:00:00Z', '2026-11-30T25:00:00Z']) expect(dayOrInstantField('to').safeParse(bad).success).toBe(false);
  });

  it('refuses a period that ends before it starts, but not one day on its own', () => {
    expect(fromNotAfterTo({ from: '2026-11-30', to: '2026-11-30' })).toBe(true);
    expect(fromNotAfterTo({ from: '2026-12-01', to: '2026-11-30' })).toBe(false);
    expect(fromNotAfterTo({ from: '2026-11-30T12:00:00Z', to: '2026-11-30' })).toBe(true);
    expect(fromNotAfterTo({ from: '2026-11-30T12:00:00Z', to: '2026-11-30T12:00:00Z' })).toBe(false);
  });

  it('states the rule in the 400 (a repeated parameter too) and in the document', () => {
    expect(dayField('to').safeParse(['2026-11-30', '2026-12-01']).error?.issues[0].message).toBe(`to must be ${DAY_RULE}`);
    expect(dayField('from').meta()).toEqual({ description: 'first day, YYYY-MM-DD, a whole day in UTC', example: '2026-11-01' });
    expect(dayOrInstantField('from', 'answered on or after').meta()?.description).toMatch(/^answered on or after: first day, YYYY-MM-DD \(from 00:00 UTC\), or an exact moment/);
  });
});
