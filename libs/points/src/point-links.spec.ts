import { linkBase, pointLinks } from './point-links';

describe('pointLinks', () => {
  it('names the point in the web chat link, whatever the public URL ends with', () => {
    expect(pointLinks.webchat('https://feedback.example.com', 'kyiv-central')).toBe('https://feedback.example.com/chat?point=kyiv-central');
    expect(pointLinks.webchat('https://example.com/turbota/', 'desk_2')).toBe('https://example.com/turbota/chat?point=desk_2');
  });

  it('builds the Telegram, Viber and Messenger deep links the platforms document', () => {
    expect(pointLinks.telegram('turbota_bot', 'kyiv-central')).toBe('https://t.me/turbota_bot?start=kyiv-central');
    expect(pointLinks.viber('turbota', 'kyiv-central')).toBe('viber://pa?chatURI=turbota&context=kyiv-central');
    expect(pointLinks.messenger('turbota.feedback', 'sv_AbC-_9')).toBe('https://m.me/turbota.feedback?ref=sv_AbC-_9');
  });
});

describe('linkBase', () => {
  it('prefers PUBLIC_URL to the address the request came to', () => {
    expect(linkBase('https://feedback.example.com', { protocol: 'http', host: '127.0.0.1:3000' })).toEqual({ base: 'https://feedback.example.com', local: false });
  });

  it('uses the local address without PUBLIC_URL: a name, an IPv4 or IPv6 address, with a port', () => {
    expect(linkBase(undefined, { protocol: 'http', host: 'localhost:3000' })).toEqual({ base: 'http://localhost:3000', local: true });
    expect(linkBase(undefined, { protocol: 'http', host: '192.168.1.20:3000' })).toEqual({ base: 'http://192.168.1.20:3000', local: true });
    expect(linkBase(undefined, { protocol: 'https', host: '[::1]:8443' })).toEqual({ base: 'https://[::1]:8443', local: true });
  });

  it('has no address for a missing or odd Host header or protocol', () => {
    expect(linkBase(undefined)).toBeUndefined();
    expect(linkBase(undefined, { protocol: 'http' })).toBeUndefined();
    expect(linkBase(undefined, { protocol: 'http', host: 'evil.example/path?x=' })).toBeUndefined();
    expect(linkBase(undefined, { protocol: 'ftp', host: 'localhost' })).toBeUndefined();
  });
});
