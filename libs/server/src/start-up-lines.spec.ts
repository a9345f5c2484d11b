import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { homeOf } from './site-pages';
import { startUpLines } from './start-up-lines';

describe('startUpLines', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'turbota-start-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says where to open each page on the local address, where the generated key is, and warns that PUBLIC_URL is unset', () => {
    writeFileSync(join(dataDir, 'admin-api-key'), 'tk_secret\n');
    const lines = startUpLines({ config: { port: 3000, dataDir, tracing: null }, pages: { dashboard: true, chat: true } });
    expect(lines).toEqual([
      { level: 'info', msg: 'Web chat for customers: http://localhost:3000/chat' },
      { level: 'info', msg: 'Console for supervisors and admins: http://localhost:3000/console/' },
      { level: 'info', msg: 'API docs: http://localhost:3000/docs' },
      { level: 'info', msg: 'Health: http://localhost:3000/health' },
      { level: 'info', msg: `Admin API key: in ${join(dataDir, 'admin-api-key')} (generated at the first start; set ADMIN_API_KEY to choose your own)` },
      {
        level: 'warn',
        msg: 'PUBLIC_URL is not set: links and QR codes use the address they are asked at, here http://localhost:3000; set PUBLIC_URL to the address your customers reach',
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('tk_secret');
  });

  it('uses PUBLIC_URL, names only the pages the process serves, and no key file when ADMIN_API_KEY is set', () => {
    writeFileSync(join(dataDir, 'admin-api-key'), 'tk_secret\n');
    const lines = startUpLines({
      config: { port: 3000, dataDir, publicUrl: 'https://feedback.example.com', adminApiKey: 'chosen-key-0123456789', tracing: null },
      pages: { dashboard: false, chat: true },
    });
    expect(lines.map((l) => l.msg)).toEqual([
      'Web chat for customers: https://feedback.example.com/chat',
      'API docs: https://feedback.example.com/docs',
      'Health: https://feedback.example.com/health',
    ]);
  });

  it('names the trace collector by its origin only, never a user name or path in its URL', () => {
    const tracing = { endpoint: 'https://otel:s3cret@collector.example.com:4318/tenant-7', serviceName: null };
    const lines = startUpLines({ config: { port: 3000, dataDir, publicUrl: 'https://feedback.example.com', tracing }, pages: { dashboard: false, chat: false } });
    expect(lines.map((l) => l.msg)).toContain('Traces: sent to https://collector.example.com:4318 over OTLP/HTTP');
    expect(JSON.stringify(lines)).not.toMatch(/s3cret|tenant-7/);
  });

  it('leads / to the console where there is one, else to the web chat', () => {
    expect(homeOf({ dashboard: true, chat: true })).toBe('/console/');
    expect(homeOf({ dashboard: true, chat: false })).toBe('/console/');
    expect(homeOf({ dashboard: false, chat: true })).toBe('/chat');
  });
});
