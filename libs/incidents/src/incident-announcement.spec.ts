import { announcementOf, digestDueAt, type AnnouncementRule } from './incident-announcement';

const RULE: AnnouncementRule = { anonymousChannels: ['web'], anonymousIncidentsPerWindow: 10, anonymousWindowMinutes: 10, digestEveryMinutes: 10 };
const NOW = new Date('2026-12-06T14:53:20Z');

describe('announcementOf (default: 10 incidents from anonymous channels per 10 minutes one by one)', () => {
  it('posts the first ten from the web chat one by one, and puts the eleventh in the digest due at the end of the period', () => {
    expect(announcementOf({ channel: 'web' }, 9, RULE, NOW)).toEqual({ kind: 'incident_changed' });
    expect(announcementOf({ channel: 'web' }, 10, RULE, NOW)).toEqual({ kind: 'incident_digest', dueAt: new Date('2026-12-06T15:00:00Z') });
  });

  it('never holds back a platform-identified channel, whatever the rate', () => {
    expect(announcementOf({ channel: 'telegram' }, 1000, RULE, NOW)).toEqual({ kind: 'incident_changed' });
  });

  it('a rate of 0 sends every anonymous incident to the digest', () => {
    expect(announcementOf({ channel: 'web' }, 0, { ...RULE, anonymousIncidentsPerWindow: 0 }, NOW).kind).toBe('incident_digest');
  });
});

describe('digestDueAt', () => {
  it('aligns periods on the clock, so one period shares one digest', () => {
    expect(digestDueAt(new Date('2026-12-06T14:50:00Z'), 10)).toEqual(new Date('2026-12-06T15:00:00Z'));
    expect(digestDueAt(new Date('2026-12-06T14:59:59.999Z'), 10)).toEqual(new Date('2026-12-06T15:00:00Z'));
    expect(digestDueAt(new Date('2026-12-06T14:53:00Z'), 60)).toEqual(new Date('2026-12-06T15:00:00Z'));
  });
});
