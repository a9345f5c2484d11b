import { nps } from './nps';
import { silentAdjustedNps } from './silent-adjusted-nps';

describe('silentAdjustedNps', () => {
  it('counts the silent as detractors over everyone invited', () => {
    // 250 invited, 200 answered (100 promoters, 60 passives, 40 detractors): 50 silent.
    // NPS = 100 · (100 − 90) / 250 = 4, against a raw NPS of 30.
    // n' = 253, p' = 100.75/253 = 0.398221, d' = 90.75/253 = 0.358696, centre = 0.039526,
    // SE = √((0.756917 − 0.001562) / 253) = 0.054641, 1.96 · SE = 0.107096: −6.757 to 14.662.
    const result = silentAdjustedNps({ promoters: 100, passives: 60, detractors: 40 }, 250);
    expect(result).toMatchObject({ n: 250, promoters: 100, passives: 60, detractors: 90, silent: 50, value: 4 });
    expect(result.ci95![0]).toBeCloseTo(-6.757, 3);
    expect(result.ci95![1]).toBeCloseTo(14.662, 3);
  });

  it('equals the raw NPS when nobody stayed silent', () => {
    const counts = { promoters: 30, passives: 10, detractors: 5 };
    expect(silentAdjustedNps(counts, 45)).toEqual({ ...nps(counts), silent: 0 });
  });

  it('is never above the raw NPS', () => {
    const counts = { promoters: 80, passives: 15, detractors: 5 };
    const raw = nps(counts);
    for (const invited of [100, 101, 150, 1000]) {
      const adjusted = silentAdjustedNps(counts, invited);
      expect(adjusted.value!).toBeLessThanOrEqual(raw.value!);
      expect(adjusted.ci95![1]).toBeLessThanOrEqual(raw.ci95![1]);
    }
  });

  it('is -100 when everyone invited stayed silent, and empty when nobody was invited', () => {
    const allSilent = silentAdjustedNps({ promoters: 0, passives: 0, detractors: 0 }, 20);
    expect(allSilent).toMatchObject({ n: 20, detractors: 20, silent: 20, value: -100 });
    expect(allSilent.ci95![0]).toBe(-100);
    expect(silentAdjustedNps({ promoters: 0, passives: 0, detractors: 0 }, 0)).toMatchObject({ n: 0, value: null, ci95: null });
  });

  it('rejects more answers than invitations, and counts that are not counts', () => {
    expect(() => silentAdjustedNps({ promoters: 5, passives: 0, detractors: 0 }, 4)).toThrow(RangeError);
    // A negative count must not be hidden by the silent added to the detractors.
    expect(() => silentAdjustedNps({ promoters: 5, passives: 0, detractors: -1 }, 10)).toThrow(RangeError);
  });
});
