import { pointLinks } from './point-links';

describe('pointLinks', () => {
  it('names the point in the web chat link, whatever the public URL ends with', () => {
    expect(pointLinks.webchat('https://feedback.example.com', 'kyiv-central')).toBe('https://feedback.example.com/chat?point=kyiv-central');
    expect(pointLinks.webchat('https://example.com/turbota/', 'desk_2')).toBe('https://example.com/turbota/chat?point=desk_2');
  });

  it('builds the Telegram and Viber deep links the platforms document', () => {
    expect(pointLinks.telegram('turbota_bot', 'kyiv-central')).toBe('https://t.me/turbota_bot?start=kyiv-central');
    expect(pointLinks.viber('turbota', 'kyiv-central')).toBe('viber://pa?chatURI=turbota&context=kyiv-central');
  });
});
