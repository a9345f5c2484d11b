import { reasonShare, reasonShares, reasonSharesOfCounts } from './reason-share';

describe('reasonShare', () => {
  it('gives the percentage of the group naming the reason, with a Wilson interval in percent', () => {
    // 81 of 100: see wilson.spec.ts, 72.221% to 87.485%.
    const share = reasonShare({ naming: 81, total: 100 });
    expect(share.value).toBe(81);
    expect(share.ci95![0]).toBeCloseTo(72.221, 3);
    expect(share.ci95![1]).toBeCloseTo(87.485, 3);
  });

  it('is empty for an empty group and rejects more naming than in the group', () => {
    expect(reasonShare({ naming: 0, total: 0 })).toEqual({ value: null, ci95: null });
    expect(() => reasonShare({ naming: 3, total: 2 })).toThrow(RangeError);
  });
});

describe('reasonShares', () => {
  it('lists each reason with the share of detractors naming it, most named first', () => {
    // Four detractors: "wait" named by three (once each, however often repeated), "rude" by one.
    const shares = reasonShares([['wait', 'rude'], ['wait'], [], ['wait', 'wait']]);
    expect(shares.map(({ reason, naming, total, value }) => ({ reason, naming, total, value }))).toEqual([
      { reason: 'wait', naming: 3, total: 4, value: 75 },
      { reason: 'rude', naming: 1, total: 4, value: 25 },
    ]);
    expect(shares[0].ci95![0]).toBeLessThan(75);
    expect(shares[0].ci95![1]).toBeGreaterThan(75);
  });

  it('orders equally named reasons alphabetically, so the list is stable', () => {
    expect(reasonShares([['price'], ['agent'], ['queue']]).map((share) => share.reason)).toEqual(['agent', 'price', 'queue']);
  });

  it('is empty when nobody named a reason', () => {
    expect(reasonShares([])).toEqual([]);
    expect(reasonShares([[], []])).toEqual([]);
  });
});

describe('reasonSharesOfCounts', () => {
  it('gives the same shares from counts made elsewhere', () => {
    const counts = [{ reason: 'rude', naming: 1 }, { reason: 'wait', naming: 3 }];
    expect(reasonSharesOfCounts(counts, 4)).toEqual(reasonShares([['wait', 'rude'], ['wait'], [], ['wait', 'wait']]));
    expect(() => reasonSharesOfCounts([{ reason: 'wait', naming: 5 }], 4)).toThrow(RangeError);
  });
});
