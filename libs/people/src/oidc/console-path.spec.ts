import { consolePathOf } from './console-path';

describe('the console page a single sign-on ends on', () => {
  it('keeps a console page with its query and fragment', () => {
    expect(consolePathOf('/console/incidents/0b9d6e2c-3f7a-4d55-9b1e-1c2d3e4f5a6b')).toBe('/console/incidents/0b9d6e2c-3f7a-4d55-9b1e-1c2d3e4f5a6b');
    expect(consolePathOf('/console/?view=mine&owner=me#top')).toBe('/console/?view=mine&owner=me#top');
  });

  it.each([
    ['nothing', undefined],
    ['another origin', 'https://evil.example/console/'],
    ['a protocol-relative address', '//evil.example/console/'],
    ['a backslash the browser reads as a slash', '/console/\\evil.example'],
    ['a path escaping the console', '/console/../api/v1/users'],
    ['an encoded escape', '/console/%2e%2e/api/v1/users'],
    ['the API', '/api/v1/me'],
    ['the sign-in page itself', '/console/login?next=/console/'],
    ['a control character', '/console/\nSet-Cookie: x=y'],
    ['not a path', 'javascript:alert(1)'],
  ])('refuses %s', (_, next) => {
    expect(consolePathOf(next)).toBeUndefined();
  });
});
