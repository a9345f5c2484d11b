import type { Request } from 'express';
import { cookieValue, isSameOrigin } from './session-cookie';

const request = (headers: Record<string, string>, protocol = 'http') =>
  ({ protocol, get: (name: string) => headers[name.toLowerCase()] }) as unknown as Request;

describe('the session cookie and the same-origin rule', () => {
  it('reads one cookie out of a Cookie header, and nothing from a name that only ends like it', () => {
    expect(cookieValue('theme=dark; turbota_session=abc_DEF-123; lang=uk', 'turbota_session')).toBe('abc_DEF-123');
    expect(cookieValue('turbota_session="quoted"', 'turbota_session')).toBe('quoted');
    expect(cookieValue('old_turbota_session=x', 'turbota_session')).toBeUndefined();
    expect(cookieValue('turbota_session=', 'turbota_session')).toBeUndefined();
    expect(cookieValue(undefined, 'turbota_session')).toBeUndefined();
  });

  it("takes PUBLIC_URL's origin as the own one when set, else the address the request came to", () => {
    const publicUrl = 'https://feedback.example.com';
    expect(isSameOrigin(request({ host: 'internal:3000', origin: 'https://feedback.example.com' }), publicUrl)).toBe(true);
    expect(isSameOrigin(request({ host: 'internal:3000', origin: 'http://internal:3000' }), publicUrl)).toBe(false);
    expect(isSameOrigin(request({ host: 'internal:3000', referer: 'https://feedback.example.com/console/people' }), publicUrl)).toBe(true);
    expect(isSameOrigin(request({ host: 'localhost:3000', origin: 'http://localhost:3000' }), undefined)).toBe(true);
    expect(isSameOrigin(request({ host: 'localhost:3000', origin: 'https://localhost:3000' }), undefined)).toBe(false);
  });

  it('refuses a request that names no origin, a null one, or another site', () => {
    expect(isSameOrigin(request({ host: 'localhost:3000' }), undefined)).toBe(false);
    expect(isSameOrigin(request({ host: 'localhost:3000', origin: 'null' }), undefined)).toBe(false);
    expect(isSameOrigin(request({ host: 'localhost:3000', referer: 'not a url' }), undefined)).toBe(false);
    expect(isSameOrigin(request({ host: 'localhost:3000', origin: 'http://localhost:3000.evil.example' }), undefined)).toBe(false);
  });
});
