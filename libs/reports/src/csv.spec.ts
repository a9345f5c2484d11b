import { parse } from 'csv-parse/sync';
import { csvCell, toCsv } from './csv';

describe('csv', () => {
  it('quotes commas, quotes and line breaks so the document parses back to the same cells', () => {
    const rows = [['a,b', 'say "hi"', 'two\nlines', 3, null, true]];
    const parsed = parse(toCsv(['x', 'y', 'z', 'n', 'empty', 'flag'], rows));
    expect(parsed).toEqual([
      ['x', 'y', 'z', 'n', 'empty', 'flag'],
      ['a,b', 'say "hi"', 'two\nlines', '3', '', 'true'],
    ]);
  });

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-12.5)).toBe('-12.5');
  });

  it('writes dates as ISO 8601 and non-finite numbers as empty cells', () => {
    expect(csvCell(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-01T10:00:00.000Z');
    expect(csvCell(Number.NaN)).toBe('');
  });
});
