import { smsSegments } from './sms-segments';

describe('smsSegments', () => {
  it('counts a Latin text in GSM-7: 160 septets in one segment, 153 a part beyond', () => {
    expect(smsSegments('Rate your visit: https://t.example/s/abc')).toEqual({ encoding: 'GSM-7', characters: 40, segments: 1 });
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', characters: 0, segments: 0 });
  });

  it('counts the extension table (€, [ and the like) as two septets each', () => {
    expect(smsSegments('Price: 5€ [promo]')).toEqual({ encoding: 'GSM-7', characters: 20, segments: 1 });
    expect(smsSegments('€'.repeat(80)).segments).toBe(1);
    expect(smsSegments('€'.repeat(81))).toEqual({ encoding: 'GSM-7', characters: 162, segments: 2 });
  });

  it('turns the whole text to UCS-2 for one Ukrainian letter: 70 units, 67 a part', () => {
    expect(smsSegments('Оцініть, будь ласка, наше обслуговування')).toEqual({ encoding: 'UCS-2', characters: 40, segments: 1 });
    expect(smsSegments(`${'a'.repeat(69)}ї`)).toEqual({ encoding: 'UCS-2', characters: 70, segments: 1 });
    expect(smsSegments(`${'a'.repeat(70)}ї`)).toEqual({ encoding: 'UCS-2', characters: 71, segments: 2 });
    expect(smsSegments('ї'.repeat(134)).segments).toBe(2);
    expect(smsSegments('ї'.repeat(135)).segments).toBe(3);
  });

  it('counts an emoji as two UTF-16 units, which can cost a segment', () => {
    expect(smsSegments('Thanks 👍')).toEqual({ encoding: 'UCS-2', characters: 9, segments: 1 });
    expect(smsSegments('👍'.repeat(35))).toEqual({ encoding: 'UCS-2', characters: 70, segments: 1 });
    expect(smsSegments(`${'a'.repeat(69)}👍`)).toEqual({ encoding: 'UCS-2', characters: 71, segments: 2 });
  });
});
