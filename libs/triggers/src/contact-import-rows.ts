import type { z } from 'zod';
import type { ContactInput, contactLineSchema } from './contact-input';

/** The CSV columns of a contact import: the fields of `POST /contacts`, the customer's flattened, in camelCase. */
export const CONTACT_IMPORT_COLUMNS = ['externalId', 'channel', 'address', 'name', 'locale', 'phone', 'email', 'agent', 'serviceType', 'pointOfService', 'occurredAt'] as const;
export type ImportColumn = (typeof CONTACT_IMPORT_COLUMNS)[number];
type Column = ImportColumn;

const REQUIRED: Column[] = ['externalId', 'channel', 'address', 'occurredAt'];
const CUSTOMER_FIELDS = new Set<Column>(['channel', 'address', 'name', 'locale', 'phone', 'email']);

/** The header's column positions, or what is wrong with it (unknown, repeated or missing columns). */
export function readImportHeader(header: string[]): { ok: true; columns: Column[] } | { ok: false; problem: string } {
  const names = header.map((h) => h.trim());
  const unknown = names.filter((n) => !(CONTACT_IMPORT_COLUMNS as readonly string[]).includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  const missing = REQUIRED.filter((n) => !names.includes(n));
  const problems = [
    unknown.length ? `unknown column(s): ${unknown.join(', ')}` : '',
    repeated.length ? `repeated column(s): ${repeated.join(', ')}` : '',
    missing.length ? `missing column(s): ${missing.join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length) return { ok: false, problem: `The CSV header is wrong: ${problems.join('; ')}. Columns: ${CONTACT_IMPORT_COLUMNS.join(',')}` };
  return { ok: true, columns: names as Column[] };
}

/** A data line as the body `POST /contacts` takes; an empty cell is an absent field. */
export function contactBodyOf(columns: Column[], cells: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const customer: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    const cell = cells[i];
    if (cell === undefined || cell.trim() === '') return;
    (CUSTOMER_FIELDS.has(column) ? customer : body)[column] = cell;
  });
  return { ...body, customer };
}

/** One checked line, or why it is refused, naming the columns as the header does. */
export function parseImportLine(
  schema: ReturnType<typeof contactLineSchema>,
  columns: Column[],
  cells: string[],
): { ok: true; input: ContactInput } | { ok: false; reason: string } {
  if (cells.length !== columns.length) return { ok: false, reason: `has ${cells.length} cells; the header has ${columns.length}` };
  const parsed = schema.safeParse(contactBodyOf(columns, cells));
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, reason: parsed.error.issues.map(describeIssue).join('; ') };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // The customer's fields are columns of their own in the file.
  const column = issue.path.length ? String(issue.path[issue.path.length - 1]) : '(line)';
  const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  return `${column}: ${message}`;
}
