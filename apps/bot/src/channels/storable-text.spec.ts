import { storable } from './storable-text';

describe('storable', () => {
  it('drops NUL and turns unpaired surrogates into U+FFFD, deep inside objects and arrays, keys included', () => {
    expect(storable({ text: 'a\u0000b', list: ['x\ud800', '\udc00y'], ['k\u0000']: { deep: ['\ud83d\ude00 ok'] } })).toEqual({
      text: 'ab',
      list: ['x\ufffd', '\ufffdy'],
      k: { deep: ['\ud83d\ude00 ok'] },
    });
  });

  it('leaves numbers, booleans and null as they are', () => {
    expect(storable({ n: 1.5, b: false, z: null })).toEqual({ n: 1.5, b: false, z: null });
  });
});
