import { type DigestedIncident, incidentDigest } from './incident-digest';

const AT = new Date('2026-12-06T14:00:00Z');
const incident = (number: number, overrides: Partial<DigestedIncident> = {}): DigestedIncident => ({
  number,
  priority: 'normal',
  reasonCode: 'waiting',
  pointOfService: 'kyiv-central',
  channel: 'web',
  createdAt: new Date(AT.getTime() + number * 1000),
  breached: false,
  ...overrides,
});

describe('incidentDigest', () => {
  it('counts the incidents, tallies reasons and points, and lists every number', () => {
    const digest = incidentDigest([incident(12), incident(11, { reasonCode: 'rude', priority: 'high' }), incident(13, { pointOfService: null, breached: true })], { perWindow: 10, windowMinutes: 10 });
    const json = JSON.stringify(digest.blocks);
    expect(digest.text).toBe('Digest: 3 incident(s) from anonymous channels (INC-11, INC-12, INC-13)');
    expect(json).toContain('3 (1 high priority)');
    expect(json).toContain('*Past their SLA*\\n1');
    expect(json).toContain('waiting ×2, rude ×1');
    expect(json).toContain('kyiv-central ×2, — ×1');
    expect(json).toContain('INC-11, INC-12, INC-13');
    expect(json).toContain('More than 10 new incidents came from anonymous channels (web) within 10 minutes');
  });

  it('shows what a customer chose literally: no mention, no link', () => {
    const digest = incidentDigest([incident(1, { pointOfService: '<!channel> Branch 7', reasonCode: '<https://evil.example|refund>' })], { perWindow: 10, windowMinutes: 10 });
    const json = JSON.stringify(digest);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<https://evil');
    expect(json).toContain('&lt;!channel&gt; Branch 7 ×1');
  });

  it('lists sixty numbers and counts the rest', () => {
    const many = Array.from({ length: 75 }, (_, i) => incident(i + 1));
    const json = JSON.stringify(incidentDigest(many, { perWindow: 10, windowMinutes: 10 }).blocks);
    expect(json).toContain('INC-60 and 15 more');
    expect(json).not.toContain('INC-61');
  });
});
