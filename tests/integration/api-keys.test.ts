import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@turbota/persistence';
import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

describe(`API keys (${databaseKind})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const call = (path: string, init: RequestInit & { key?: string } = {}) =>
    fetch(`${t.url}${path}`, {
      ...init,
      headers: {
        'Content-Type': 'application/json',
        ...(init.key ? bearer(init.key) : {}),
        ...(init.headers as Record<string, string>),
      },
    });

  async function createKey(role: string, name = `${role} key`): Promise<{ id: string; key: string }> {
    const res = await call('/api/v1/api-keys', { method: 'POST', key: TEST_ADMIN_KEY, body: JSON.stringify({ name, role }) });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; key: string };
  }

  it('answers 401 with a reason when the key is missing, malformed or unknown', async () => {
    const missing = await call('/api/v1/api-keys');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await missing.json()) as { message: string }).message).toMatch(/^Missing API key/);

    const malformed = await call('/api/v1/api-keys', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    expect(malformed.status).toBe(401);
    expect(((await malformed.json()) as { message: string }).message).toMatch(/^Malformed Authorization header/);

    const unknown = await call('/api/v1/api-keys', { key: 'tb_not-a-real-key' });
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/^Invalid API key/);
  });

  it('lets an admin create keys of every role, shows the key once and stores only its hash', async () => {
    const created = await createKey('integration', 'CRM');
    expect(created).toMatchObject({ name: 'CRM', role: 'integration', source: 'api', revokedAt: null });
    expect(created.key).toMatch(/^tb_[A-Za-z0-9_-]{43}$/);

    const list = (await (await call('/api/v1/api-keys', { key: TEST_ADMIN_KEY })).json()) as Record<string, unknown>[];
    const listed = list.find((k) => k.id === created.id);
    expect(listed).toMatchObject({ role: 'integration' });
    expect(listed?.fingerprint).toMatch(/^fp:[0-9a-f]{8}$/);
    expect(listed).not.toHaveProperty('prefix');
    expect(listed).not.toHaveProperty('key');
    expect(JSON.stringify(list)).not.toContain(created.key);

    const ds = await new DataSource(dataSourceOptions(t.database)).initialize();
    try {
      const rows = await ds.query<Record<string, unknown>[]>('SELECT * FROM api_key');
      const dump = JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : v));
      expect(dump).not.toContain(created.key);
      expect(dump).not.toContain(TEST_ADMIN_KEY);
    } finally {
      await ds.destroy();
    }
  });

  it('answers 403 naming the role a key lacks', async () => {
    for (const role of ['supervisor', 'viewer', 'integration']) {
      const { key } = await createKey(role);
      const res = await call('/api/v1/api-keys', { key });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({
        statusCode: 403,
        message: `This endpoint needs the role admin; this API key has the role ${role}`,
      });
    }
  });

  it('refuses invalid bodies with 400 naming the field, and unknown fields', async () => {
    const badRole = await call('/api/v1/api-keys', {
      method: 'POST',
      key: TEST_ADMIN_KEY,
      body: JSON.stringify({ name: 'x', role: 'root' }),
    });
    expect(badRole.status).toBe(400);
    expect(await badRole.json()).toMatchObject({
      message: 'role: role must be one of admin, supervisor, viewer, integration',
      errors: [{ field: 'role' }],
    });

    const extra = await call('/api/v1/api-keys', {
      method: 'POST',
      key: TEST_ADMIN_KEY,
      body: JSON.stringify({ name: 'x', role: 'viewer', source: 'env' }),
    });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { message: string }).message).toBe('unknown field(s): source');

    const badId = await call('/api/v1/api-keys/not-a-uuid', { method: 'DELETE', key: TEST_ADMIN_KEY });
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as { message: string }).message).toBe('id must be a UUID');
  });

  it('revokes a key so it stops working at once, and lists it only when asked', async () => {
    const { id, key } = await createKey('admin', 'second admin');
    expect((await call('/api/v1/api-keys', { key })).status).toBe(200);

    const revoked = await call(`/api/v1/api-keys/${id}`, { method: 'DELETE', key: TEST_ADMIN_KEY });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { revokedAt: string | null }).revokedAt).not.toBeNull();
    expect((await call('/api/v1/api-keys', { key })).status).toBe(401);

    const active = (await (await call('/api/v1/api-keys', { key: TEST_ADMIN_KEY })).json()) as { id: string }[];
    expect(active.map((k) => k.id)).not.toContain(id);
    const all = (await (await call('/api/v1/api-keys?includeRevoked=true', { key: TEST_ADMIN_KEY })).json()) as {
      id: string;
    }[];
    expect(all.map((k) => k.id)).toContain(id);

    const missing = await call('/api/v1/api-keys/00000000-0000-4000-8000-000000000000', {
      method: 'DELETE',
      key: TEST_ADMIN_KEY,
    });
    expect(missing.status).toBe(404);
  });

  it('refuses to revoke the last active admin key', async () => {
    const list = (await (await call('/api/v1/api-keys', { key: TEST_ADMIN_KEY })).json()) as {
      id: string;
      role: string;
      source: string;
    }[];
    const envKey = list.find((k) => k.source === 'env')!;
    expect(list.filter((k) => k.role === 'admin')).toHaveLength(1);
    const res = await call(`/api/v1/api-keys/${envKey.id}`, { method: 'DELETE', key: TEST_ADMIN_KEY });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toMatch(/last active admin key/);
  });

  it('never logs an API key', () => {
    expect(t.logs.lines.length).toBeGreaterThan(0);
    expect(t.logs.text()).not.toContain(TEST_ADMIN_KEY);
    expect(t.logs.text()).not.toMatch(/tb_[A-Za-z0-9_-]{43}/);
  });
});

describe(`ADMIN_API_KEY across restarts (${databaseKind})`, () => {
  it('rotates the key taken from the variable when it changes, keeping the data', async () => {
    const first = await startTestApp({ env: { ADMIN_API_KEY: 'first-admin-key-0123456789' } });
    await first.close({ closeDatabase: false });
    const second = await startTestApp({ database: first.database, env: { ADMIN_API_KEY: 'second-admin-key-0123456789' } });
    try {
      const old = await fetch(`${second.url}/api/v1/api-keys`, { headers: bearer('first-admin-key-0123456789') });
      expect(old.status).toBe(401);
      const res = await fetch(`${second.url}/api/v1/api-keys?includeRevoked=true`, {
        headers: bearer('second-admin-key-0123456789'),
      });
      const keys = (await res.json()) as { source: string; revokedAt: string | null }[];
      expect(keys.filter((k) => k.source === 'env').map((k) => k.revokedAt === null)).toEqual([false, true]);
    } finally {
      await second.close();
    }
  });
});
