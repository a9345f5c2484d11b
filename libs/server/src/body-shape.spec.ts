import type { Request, Response } from 'express';
import { MAX_BODY_DEPTH, rejectUnreadableBodies } from './body-shape';

function run(path: string, body: unknown, query: Record<string, unknown> = {}): { status?: number; message?: string; next: boolean } {
  const outcome: { status?: number; message?: string; next: boolean } = { next: false };
  const res = {
    status(code: number) {
      outcome.status = code;
      return this;
    },
    json(payload: { message: string }) {
      outcome.message = payload.message;
      return this;
    },
  } as unknown as Response;
  rejectUnreadableBodies({ path, body, query } as unknown as Request, res, () => (outcome.next = true));
  return outcome;
}

describe('rejectUnreadableBodies', () => {
  it('refuses a body nested deeper than the limit on any path, without overflowing its own stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(run('/webhooks/telegram', deep)).toEqual({ status: 400, message: `Request body is nested deeper than ${MAX_BODY_DEPTH} levels`, next: false });
  });

  it('refuses NUL and unpaired surrogates in the REST API body, query and path, and lets webhooks through', () => {
    expect(run('/api/v1/points', { name: 'a\u0000b' }).status).toBe(400);
    expect(run('/api/v1/points', {}, { q: 'x\ud800' }).status).toBe(400);
    expect(run('/api/v1/points/%00', {}).status).toBe(400);
    expect(run('/webhooks/telegram', { text: 'a\u0000b' }).next).toBe(true);
  });

  it('passes ordinary bodies, emoji included', () => {
    expect(run('/api/v1/points', { name: 'Київ 😀', tags: [{ a: [1, 2] }] }).next).toBe(true);
  });
});
