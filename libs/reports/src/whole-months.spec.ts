import { splitIntoWholeMonths } from './whole-months';

describe('splitIntoWholeMonths', () => {
  it('reads whole months when the period is open or starts and ends on month boundaries', () => {
    expect(splitIntoWholeMonths()).toEqual({ months: { from: undefined, to: undefined }, days: [] });
    expect(splitIntoWholeMonths('2026-01-01', '2026-03-31')).toEqual({ months: { from: '2026-01-01', to: '2026-03-01' }, days: [] });
    expect(splitIntoWholeMonths('2026-02-01')).toEqual({ months: { from: '2026-02-01', to: undefined }, days: [] });
    expect(splitIntoWholeMonths(undefined, '2024-02-29')).toEqual({ months: { from: undefined, to: '2024-02-01' }, days: [] });
  });

  it('keeps the days before the first and after the last whole month apart', () => {
    expect(splitIntoWholeMonths('2026-01-20', '2026-04-05')).toEqual({
      months: { from: '2026-02-01', to: '2026-03-01' },
      days: [
        { from: '2026-01-20', to: '2026-01-31' },
        { from: '2026-04-01', to: '2026-04-05' },
      ],
    });
    expect(splitIntoWholeMonths('2025-12-31')).toEqual({ months: { from: '2026-01-01', to: undefined }, days: [{ from: '2025-12-31', to: '2025-12-31' }] });
    expect(splitIntoWholeMonths(undefined, '2026-02-27')).toEqual({ months: { from: undefined, to: '2026-01-01' }, days: [{ from: '2026-02-01', to: '2026-02-27' }] });
  });

  it('reads days alone when no month lies whole in the period', () => {
    expect(splitIntoWholeMonths('2026-01-10', '2026-01-20')).toEqual({ days: [{ from: '2026-01-10', to: '2026-01-20' }] });
    expect(splitIntoWholeMonths('2026-01-10', '2026-02-20')).toEqual({ days: [{ from: '2026-01-10', to: '2026-02-20' }] });
    expect(splitIntoWholeMonths('2026-02-01', '2026-02-27')).toEqual({ days: [{ from: '2026-02-01', to: '2026-02-27' }] });
  });

  it('takes a day-long period on a month boundary as days', () => {
    expect(splitIntoWholeMonths('2026-03-31', '2026-03-31')).toEqual({ days: [{ from: '2026-03-31', to: '2026-03-31' }] });
  });
});
