import { rankFactors } from './factor-ranking';

describe('rankFactors', () => {
  it('puts important, poorly rated factors first: priority = importance × (100 − satisfaction)', () => {
    const ranked = rankFactors([
      { code: 'tangibles', satisfaction: 90, importance: 0.7 }, // 0.7 · 10 = 7
      { code: 'responsiveness', satisfaction: 40, importance: 0.6 }, // 0.6 · 60 = 36
      { code: 'empathy', satisfaction: 20, importance: 0.2 }, // 0.2 · 80 = 16
      { code: 'assurance', satisfaction: 60, importance: 0.5 }, // 0.5 · 40 = 20
    ]);
    expect(ranked.map((factor) => [factor.code, factor.priority])).toEqual([
      ['responsiveness', 36],
      ['assurance', 20],
      ['empathy', 16],
      ['tangibles', expect.closeTo(7, 12)],
    ]);
  });

  it('treats negative importance as no lever and unknown importance as last', () => {
    const ranked = rankFactors([
      { code: 'unknown', satisfaction: 5, importance: null },
      { code: 'inverse', satisfaction: 10, importance: -0.3 },
      { code: 'weak', satisfaction: 90, importance: 0.05 }, // 0.05 · 10 = 0.5
    ]);
    expect(ranked.map((factor) => [factor.code, factor.priority])).toEqual([
      ['weak', expect.closeTo(0.5, 12)],
      ['inverse', 0],
      ['unknown', null],
    ]);
  });

  it('breaks ties by importance, then by lower satisfaction, then by code', () => {
    const ranked = rankFactors([
      { code: 'b', satisfaction: 50, importance: 0.4 }, // 20
      { code: 'a', satisfaction: 60, importance: 0.5 }, // 20, more important
      { code: 'd', satisfaction: 80, importance: null },
      { code: 'c', satisfaction: 30, importance: null },
    ]);
    expect(ranked.map((factor) => factor.code)).toEqual(['a', 'b', 'c', 'd']);
  });

  it("keeps the caller's own fields and leaves the input alone", () => {
    const input = [
      { code: 'x', satisfaction: 90, importance: 0.1, label: 'Interface' },
      { code: 'y', satisfaction: 10, importance: 0.9, label: 'Waiting' },
    ];
    const ranked = rankFactors(input);
    expect(ranked[0]).toEqual({ code: 'y', satisfaction: 10, importance: 0.9, label: 'Waiting', priority: 81 });
    expect(input.map((factor) => factor.code)).toEqual(['x', 'y']);
  });

  it('rejects a satisfaction index outside 0-100', () => {
    expect(() => rankFactors([{ code: 'x', satisfaction: 101, importance: 0.5 }])).toThrow(RangeError);
    expect(() => rankFactors([{ code: 'x', satisfaction: Number.NaN, importance: 0.5 }])).toThrow(RangeError);
  });
});
