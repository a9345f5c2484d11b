import { contactLineSchema } from './contact-input';
import { contactBodyOf, parseImportLine, readImportHeader } from './contact-import-rows';

const schema = contactLineSchema(() => new Date('2026-11-23T10:00:00Z'));
const header = readImportHeader(['externalId', 'channel', 'address', 'phone', 'serviceType', 'occurredAt']);
const columns = header.ok ? header.columns : [];

describe('contact import lines', () => {
  it('refuses a header with unknown, repeated or missing columns, naming them', () => {
    const wrong = readImportHeader(['externalId', 'channel', 'channel', 'colour', 'occurredAt']);
    expect(wrong.ok ? '' : wrong.problem).toContain('unknown column(s): colour; repeated column(s): channel; missing column(s): address');
    expect(header.ok).toBe(true);
  });

  it('reads a line as the body of POST /contacts, an empty cell being absent', () => {
    expect(contactBodyOf(columns, ['c-1', 'telegram', '42', '', 'card', '2026-11-23T09:00:00Z'])).toEqual({
      externalId: 'c-1',
      serviceType: 'card',
      occurredAt: '2026-11-23T09:00:00Z',
      customer: { channel: 'telegram', address: '42' },
    });
    const line = parseImportLine(schema, columns, ['c-1', 'Telegram', '42', '+380 67 123 45 67', '', '2026-11-23T09:00:00Z']);
    expect(line).toMatchObject({ ok: true, input: { externalId: 'c-1', customer: { channel: 'telegram', phone: '+380671234567' } } });
  });

  it('says which columns are wrong and why', () => {
    const bad = parseImportLine(schema, columns, ['', 'telegram', '42', '12', '', 'yesterday']);
    expect(bad.ok ? '' : bad.reason).toMatch(/^externalId: is required; phone: must be a phone number.*; occurredAt: must be an ISO 8601/);
    expect(parseImportLine(schema, columns, ['c-2', 'telegram'])).toEqual({ ok: false, reason: 'has 2 cells; the header has 6' });
  });
});
