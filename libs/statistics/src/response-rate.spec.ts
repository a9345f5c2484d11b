import { randomInt, seededRandom } from '../test/seeded-random';
import { responseRate } from './response-rate';

describe('responseRate', () => {
  it('reports answered / invited with the non-responders and a hand-computed Wilson interval', () => {
    // 140 of 200: p = 0.7, z²/n = 0.019208, centre = 0.709604 / 1.019208 = 0.696231,
    // half = 1.96 / 1.019208 · √(0.21/200 + 3.8416/160000) = 1.923063 · 0.032772 = 0.063023:
    // 63.321% to 75.925%.
    const result = responseRate({ invited: 200, answered: 140 });
    expect(result).toMatchObject({ invited: 200, answered: 140, nonResponders: 60, value: 70 });
    expect(result.ci95![0]).toBeCloseTo(63.321, 3);
    expect(result.ci95![1]).toBeCloseTo(75.925, 3);
  });

  it('has no rate when nobody was invited', () => {
    expect(responseRate({ invited: 0, answered: 0 })).toEqual({
      invited: 0,
      answered: 0,
      nonResponders: 0,
      value: null,
      ci95: null,
    });
  });

  it('reports everyone silent as 0% with a real upper bound', () => {
    const result = responseRate({ invited: 30, answered: 0 });
    expect(result.value).toBe(0);
    expect(result.nonResponders).toBe(30);
    expect(result.ci95![0]).toBe(0);
    expect(result.ci95![1]).toBeGreaterThan(5);
  });

  it('rejects more answers than invitations', () => {
    expect(() => responseRate({ invited: 10, answered: 11 })).toThrow(RangeError);
    expect(() => responseRate({ invited: -1, answered: 0 })).toThrow(RangeError);
  });

  it('contains the observed rate for random counts', () => {
    const random = seededRandom(41);
    for (let trial = 0; trial < 300; trial++) {
      const invited = randomInt(random, 1, 5000);
      const result = responseRate({ invited, answered: randomInt(random, 0, invited) });
      expect(result.ci95![0]).toBeLessThanOrEqual(result.value!);
      expect(result.ci95![1]).toBeGreaterThanOrEqual(result.value!);
      expect(result.nonResponders + result.answered).toBe(invited);
    }
  });
});
