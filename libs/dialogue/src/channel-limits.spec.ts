import { buttonsOverflow, CHANNEL_LIMITS, clip, MESSENGER_LIMITS, overflowOf, SLACK_LIMITS, TELEGRAM_LIMITS, VIBER_LIMITS, WHATSAPP_LIMITS } from './channel-limits';

describe('channel limits', () => {
  it('lists each channel under the name its adapter has, with the published figures', () => {
    expect(Object.keys(CHANNEL_LIMITS).sort()).toEqual(['botframework', 'messenger', 'slack', 'telegram', 'viber', 'whatsapp']);
    expect(TELEGRAM_LIMITS).toMatchObject({ messageText: 4096, buttonPayloadBytes: 64 });
    expect(VIBER_LIMITS).toMatchObject({ messageText: 7000, buttonText: 250 });
    expect(SLACK_LIMITS).toMatchObject({ sectionText: 3000, buttonText: 75, headerText: 150, messageText: 40_000 });
    expect(MESSENGER_LIMITS).toMatchObject({ messageText: 2000, buttonText: 20, buttons: 13 });
    expect(WHATSAPP_LIMITS).toMatchObject({ messageText: 4096, interactiveText: 1024, buttonText: 20, buttons: 3, listRows: 10, listRowText: 24 });
  });

  it('counts UTF-16 code units for characters and UTF-8 for bytes', () => {
    // One emoji is two code units; a Cyrillic letter is one code unit and two bytes.
    expect(overflowOf('characters', '😀'.repeat(3), 5)).toEqual([{ part: 'characters', length: 6, limit: 5, unit: 'characters' }]);
    expect(overflowOf('characters', 'я'.repeat(5), 5)).toEqual([]);
    expect(overflowOf('bytes', 'я'.repeat(5), 5, 'bytes')).toEqual([{ part: 'bytes', length: 10, limit: 5, unit: 'bytes' }]);
    expect(overflowOf('characters', 'x'.repeat(10_000), undefined)).toEqual([]);
    expect(buttonsOverflow('quick replies', 14, 13)).toEqual([{ part: 'quick replies', length: 14, limit: 13, unit: 'buttons' }]);
    expect(buttonsOverflow('quick replies', 13, 13)).toEqual([]);
  });

  it('clips with an ellipsis to exactly the limit, never splitting an emoji', () => {
    expect(clip('short', 10)).toBe('short');
    expect(clip('abcdefghij', 5)).toBe('abcd…');
    const clipped = clip(`abc${'😀'.repeat(3)}`, 5);
    expect(clipped).toBe('abc…');
    expect(clipped.length).toBeLessThanOrEqual(5);
    expect(clip('x'.repeat(5000), 4096)).toHaveLength(4096);
  });
});
