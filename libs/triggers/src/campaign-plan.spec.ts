import { seededRandom } from '@turbota/common';
import { nextSendingTime } from '@turbota/surveys';
import { CAMPAIGN_INVITATIONS_PER_SECOND, CampaignWindowError, drawSample, sampleSize, spreadSendTimes } from './campaign-plan';

describe('campaign plan', () => {
  it('draws exactly the size asked, or the share rounded to the nearest customer (halves up), never more than are eligible', () => {
    expect(sampleSize({ size: 40 }, 1_000)).toBe(40);
    expect(sampleSize({ size: 40 }, 25)).toBe(25);
    expect(sampleSize({ share: 0.25 }, 10)).toBe(3);
    expect(sampleSize({ share: 0.24 }, 10)).toBe(2);
    expect(sampleSize({ share: 0.001 }, 10)).toBe(1);
    expect(sampleSize({ share: 1 }, 7)).toBe(7);
    expect(sampleSize({ share: 0.5 }, 0)).toBe(0);
  });

  it('draws distinct indices, different ones from different seeds, the same from the same seed', () => {
    const sample = drawSample(100, 30, seededRandom(1));
    expect(new Set(sample).size).toBe(30);
    expect(sample.every((i) => i >= 0 && i < 100)).toBe(true);
    expect(drawSample(100, 30, seededRandom(1))).toEqual(sample);
    expect(drawSample(100, 30, seededRandom(2))).not.toEqual(sample);
    expect(drawSample(5, 5, seededRandom(3)).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('draws every index about equally often (a chi-square test at the 0.1% level)', () => {
    const n = 20;
    const rounds = 5_000;
    const counts = new Array<number>(n).fill(0);
    const random = seededRandom(42);
    for (let r = 0; r < rounds; r++) for (const i of drawSample(n, 5, random)) counts[i]++;
    const expected = (rounds * 5) / n;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: the 99.9th percentile is 43.8.
    expect(chiSquare).toBeLessThan(43.8);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it('spreads the sends evenly over the window, increasing, outside the quiet hours', () => {
    const window = { start: new Date('2026-12-01T06:00:00Z'), end: new Date('2026-12-03T06:00:00Z') };
    const quietHours = { start: '21:00', end: '09:00', timeZone: 'Europe/Kyiv' };
    const times = spreadSendTimes(100, window, quietHours);
    expect(times).toHaveLength(100);
    for (let i = 1; i < times.length; i++) expect(times[i].getTime()).toBeGreaterThan(times[i - 1].getTime());
    expect(times[0].getTime()).toBeGreaterThanOrEqual(window.start.getTime());
    expect(times[99].getTime()).toBeLessThan(window.end.getTime());
    for (const at of times) expect(nextSendingTime(at, quietHours)).toEqual(at);
    // Two days of 12 open hours each: both days get half.
    expect(times.filter((t) => t < new Date('2026-12-02T06:00:00Z'))).toHaveLength(50);
  });

  it('refuses more invitations than the window holds at the pace allowed', () => {
    const window = { start: new Date('2026-12-01T10:00:00Z'), end: new Date('2026-12-01T10:10:00Z') };
    expect(spreadSendTimes(10 * 60 * CAMPAIGN_INVITATIONS_PER_SECOND, window, null)).toHaveLength(1_200);
    expect(() => spreadSendTimes(10 * 60 * CAMPAIGN_INVITATIONS_PER_SECOND + 1, window, null)).toThrow(CampaignWindowError);
  });
});
