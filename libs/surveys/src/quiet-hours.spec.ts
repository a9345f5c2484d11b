import { nextSendingTime } from './quiet-hours';

describe('nextSendingTime', () => {
  const kyivNight = { start: '21:00', end: '09:00', timeZone: 'Europe/Kyiv' };

  it('sends at once outside the quiet hours or without them', () => {
    const noon = new Date('2026-11-22T10:00:00Z'); // 12:00 in Kyiv (UTC+2)
    expect(nextSendingTime(noon, kyivNight)).toEqual(noon);
    expect(nextSendingTime(noon, null)).toEqual(noon);
  });

  it('waits until the end of a window that crosses midnight, in the window\'s own time zone', () => {
    expect(nextSendingTime(new Date('2026-11-22T20:30:00Z'), kyivNight)).toEqual(new Date('2026-11-23T07:00:00Z')); // 22:30 -> 09:00
    expect(nextSendingTime(new Date('2026-11-23T03:15:00Z'), kyivNight)).toEqual(new Date('2026-11-23T07:00:00Z')); // 05:15 -> 09:00
    expect(nextSendingTime(new Date('2026-11-23T07:00:00Z'), kyivNight)).toEqual(new Date('2026-11-23T07:00:00Z')); // 09:00 is open
    expect(nextSendingTime(new Date('2026-11-22T19:00:00Z'), kyivNight)).toEqual(new Date('2026-11-23T07:00:00Z')); // 21:00 is quiet
  });

  it('handles a window within one day', () => {
    const lunch = { start: '13:00', end: '14:00', timeZone: 'UTC' };
    expect(nextSendingTime(new Date('2026-11-22T13:20:00Z'), lunch)).toEqual(new Date('2026-11-22T14:00:00Z'));
    expect(nextSendingTime(new Date('2026-11-22T14:00:00Z'), lunch)).toEqual(new Date('2026-11-22T14:00:00Z'));
  });

  it('lands on the local end time across a daylight-saving change', () => {
    const berlinNight = { ...kyivNight, timeZone: 'Europe/Berlin' };
    // Berlin moves from UTC+1 to UTC+2 on 2026-03-29: 09:00 local is 07:00Z that day.
    expect(nextSendingTime(new Date('2026-03-28T22:00:00Z'), berlinNight)).toEqual(new Date('2026-03-29T07:00:00Z'));
    // And back on 2026-10-25: 09:00 local is 08:00Z.
    expect(nextSendingTime(new Date('2026-10-24T21:00:00Z'), berlinNight)).toEqual(new Date('2026-10-25T08:00:00Z'));
  });
});
