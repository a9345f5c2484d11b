import { headerProblem, IMPORT_HEADER, parseRow } from './responses-import.rows';

const NOW = new Date('2026-03-10T12:00:00Z');
const row = (overrides: Partial<Record<(typeof IMPORT_HEADER)[number], string>> = {}) => {
  const values = { responded_at: '2026-03-01T10:00:00Z', customer_id: 'crm-1', channel: 'Phone', locale: 'uk', agent: 'olena', service_type: '', point_of_service: 'north', metric: 'nps', score: '9', ...overrides };
  return IMPORT_HEADER.map((column) => values[column]);
};

describe('responses import lines', () => {
  it('accepts the exact header and names what is missing, unknown or out of order', () => {
    expect(headerProblem([...IMPORT_HEADER])).toBeNull();
    expect(headerProblem(IMPORT_HEADER.filter((c) => c !== 'metric'))).toMatch(/missing column\(s\): metric/);
    expect(headerProblem([...IMPORT_HEADER, 'note'])).toMatch(/unknown column\(s\): note/);
    expect(headerProblem([...IMPORT_HEADER].reverse())).toMatch(/in this order/);
  });

  it('reads a valid line, with empty attributes as missing and the channel in lower case', () => {
    const verdict = parseRow(row(), NOW);
    expect(verdict.ok).toBe(true);
    expect(verdict.ok && verdict.answer).toMatchObject({ answeredAt: new Date('2026-03-01T10:00:00Z'), externalCustomerRef: 'crm-1', channel: 'phone', serviceType: null, metric: 'nps', score: 9 });
  });

  it.each([
    [{ score: '11' }, /score must be a whole number from 0 to 10 for nps/],
    [{ metric: 'csat', score: '0' }, /from 1 to 5 for csat/],
    [{ metric: 'ces', score: '8' }, /from 1 to 7 for ces/],
    [{ score: '4.5' }, /score must be a whole number/],
    [{ metric: 'likert' }, /metric must be one of nps, ces, csat/],
    [{ responded_at: '2026-02-30T10:00:00Z' }, /responded_at must be an ISO 8601 date-time/],
    [{ responded_at: '01/03/2026' }, /responded_at must be an ISO 8601 date-time/],
    [{ responded_at: '2026-03-11T00:00:00Z' }, /future/],
    [{ locale: 'de' }, /locale must be one of uk, ru, en/],
    [{ channel: ' ' }, /channel must not be empty/],
    [{ agent: 'x'.repeat(201) }, /agent takes at most 200 characters/],
  ])('refuses %j', (overrides, reason) => {
    const verdict = parseRow(row(overrides), NOW);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(reason);
  });

  it('refuses a line with the wrong number of columns', () => {
    expect(parseRow(['2026-03-01', 'x'], NOW)).toEqual({ ok: false, reason: 'expected 9 columns, got 2' });
  });

  it('reads a date-time without a zone, or a bare date, as UTC', () => {
    const noZone = parseRow(row({ responded_at: '2026-03-01 10:00:00' }), NOW);
    expect(noZone.ok && noZone.answer.answeredAt.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    const date = parseRow(row({ responded_at: '2026-03-01' }), NOW);
    expect(date.ok && date.answer.answeredAt.toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
});
