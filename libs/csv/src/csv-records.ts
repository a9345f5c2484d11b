import { type CsvError, type Parser, parse } from 'csv-parse';

/** Told of every line of an uploaded CSV that yields no record, with why. */
export type RejectLine = (line: number, reason: string) => void;

/**
 * A streaming parser for the CSV imports: records as arrays of strings with their line
 * (`info.lines`), a byte-order mark and blank lines ignored. A line that is not valid CSV is
 * reported, never dropped in silence: when an unclosed quote has run on across the following
 * lines, each of them is reported, since none of them was read as a record of its own.
 */
export function csvRecords(reject: RejectLine): Parser {
  // The last line that a record or a refusal accounts for, in the parser's own (synchronous) order.
  let accounted = 0;
  return parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record: string[], context: { lines: number }) => {
      accounted = context.lines;
      return record;
    },
    on_skip: (error: CsvError | undefined) => {
      const end = Number((error as { lines?: number } | undefined)?.lines ?? accounted + 1);
      // The parser can stumble twice on one line (a quote closed, then a stray character): reported already.
      if (end <= accounted) return undefined;
      const start = accounted + 1;
      const reason = `not valid CSV: ${error?.message ?? 'unreadable line'}`;
      if (start === end) reject(end, reason);
      else for (let line = start; line <= end; line++) reject(line, `${reason} (an unclosed quote runs across lines ${start}-${end}; none of them was imported)`);
      accounted = end;
      return undefined;
    },
  });
}
