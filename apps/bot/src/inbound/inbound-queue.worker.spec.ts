import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@turbota/config';
import { type ConversationService, RoundStepError } from '@turbota/conversations';
import type { MetricsService } from '@turbota/observability';
import { PiiCipher } from '@turbota/privacy';
import type { ClaimedInput, InboundQueueRepository } from './inbound-queue.repository';
import { InboundQueueWorker } from './inbound-queue.worker';

describe('InboundQueueWorker retry classification', () => {
  const input = { id: '7', channel: 'telegram', address: '42', attempts: 1, inbound: {}, context: {} } as unknown as ClaimedInput;

  function workerFailingWith(error: Error) {
    const queue = { claim: jest.fn().mockResolvedValue([input]), done: jest.fn(), failed: jest.fn().mockResolvedValue(undefined), waiting: jest.fn() };
    // The round fails on the input, which is then tried on its own and fails the same way.
    const conversations = { handleRound: jest.fn().mockRejectedValue(new RoundStepError(0, error)), handle: jest.fn().mockRejectedValue(error) };
    const metrics = { counter: () => ({ inc: jest.fn() }) };
    const worker = new InboundQueueWorker(
      queue as unknown as InboundQueueRepository,
      conversations as unknown as ConversationService,
      { databasePoolSize: 4, inboundWorker: true } as AppConfig,
      metrics as unknown as MetricsService,
      () => 0.5,
    );
    return { worker, queue };
  }

  it('gives up at once on a value sealed with a key this process lacks: no retry can open it', async () => {
    const sealed = new PiiCipher([randomBytes(32)]).seal('Olena');
    const error = (() => {
      try {
        new PiiCipher([randomBytes(32)]).open(sealed);
      } catch (e) {
        return e as Error;
      }
    })()!;
    const { worker, queue } = workerFailingWith(error);
    await worker.tick();
    expect(queue.failed).toHaveBeenCalledWith('7', expect.objectContaining({ final: true }));
  });

  it('tries a passing failure again later', async () => {
    const { worker, queue } = workerFailingWith(new Error('connection reset'));
    await worker.tick();
    expect(queue.failed).toHaveBeenCalledWith('7', expect.objectContaining({ final: false }));
  });
});
