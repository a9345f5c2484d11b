import type { PiiCipher, PiiReseal } from '@turbota/privacy';
import { PrivacyWorker } from './privacy.worker';
import type { RetentionCounts, RetentionPurge } from './retention-purge';

const NOTHING: RetentionCounts = { customers: 0, contacts: 0, complaints: 0, answers: 0, feedback: 0, messages: 0, inputs: 0 };

function worker(options: { retention: boolean; rotating: boolean }) {
  const retention = { enabled: options.retention, round: jest.fn().mockResolvedValue({ ...NOTHING, contacts: 3 }) };
  const reseal = { run: jest.fn().mockResolvedValue({ rows: 7, failed: 0, remaining: 0 }) };
  const cipher = { rotating: options.rotating };
  return { retention, reseal, worker: new PrivacyWorker(retention as unknown as RetentionPurge, reseal as unknown as PiiReseal, cipher as unknown as PiiCipher) };
}

describe('PrivacyWorker', () => {
  it('re-seals a batch in each round only while a key rotation is configured', async () => {
    const rotating = worker({ retention: true, rotating: true });
    expect(await rotating.worker.tick()).toEqual({ retention: { ...NOTHING, contacts: 3 }, resealed: 7 });
    expect(rotating.reseal.run).toHaveBeenCalledWith(expect.objectContaining({ maxRows: 500 }));
    const settled = worker({ retention: true, rotating: false });
    expect((await settled.worker.tick()).resealed).toBe(0);
    expect(settled.reseal.run).not.toHaveBeenCalled();
  });

  it('schedules nothing when retention is off and no rotation is in progress', async () => {
    jest.useFakeTimers();
    try {
      const idle = worker({ retention: false, rotating: false });
      await idle.worker.onApplicationBootstrap();
      expect(jest.getTimerCount()).toBe(0);
      const busy = worker({ retention: true, rotating: false });
      await busy.worker.onApplicationBootstrap();
      expect(jest.getTimerCount()).toBe(1);
      void busy.worker.onApplicationShutdown();
    } finally {
      jest.useRealTimers();
    }
  });
});
