import { RateLimitedError, RejectedMessageError, TemporarySendError } from '../channels/send-errors';
import type { NoticeBatch, NoticeDelivery } from './notice-delivery';
import type { ClaimedNotice, NoticeRepository } from './notice.repository';
import { NoticeSender } from './notice-sender';
import type { SupervisorsSlack } from './supervisors-slack';

const HEAD: ClaimedNotice = { seq: '10', kind: 'incident_changed', incidentId: 'i-1', problemId: null, attempts: 2 };

/** A notice queue in memory, recording what the sender decided. */
class FakeNotices {
  pending: ClaimedNotice[] = [HEAD];
  covering = [
    { seq: '10', kind: 'incident_changed' as const },
    { seq: '11', kind: 'sla_breached' as const },
  ];
  claims = 0;
  sentSeqs: string[][] = [];
  retries: { seq: string; delayMs: number; counts: boolean }[] = [];
  failures: string[] = [];

  claim() {
    this.claims++;
    return Promise.resolve(this.pending.splice(0));
  }
  digestPending: { seq: string; incidentId: string; attempts: number }[] = [];
  claimDigest() {
    return Promise.resolve(this.digestPending.splice(0));
  }
  covered() {
    return Promise.resolve(this.covering);
  }
  sent(seqs: string[]) {
    this.sentSeqs.push(seqs);
    return Promise.resolve();
  }
  retry(seq: string, options: { delayMs: number; counts: boolean }) {
    this.retries.push({ seq, delayMs: options.delayMs, counts: options.counts });
    return Promise.resolve();
  }
  failed(seq: string) {
    this.failures.push(seq);
    return Promise.resolve();
  }
}

function senderWith(outcome: Error | null, slack: SupervisorsSlack | null = {} as SupervisorsSlack) {
  const notices = new FakeNotices();
  const batches: NoticeBatch[] = [];
  const digests: string[][] = [];
  const delivery = {
    deliverDigest: (_slack: SupervisorsSlack, claimed: { incidentId: string }[]) => {
      digests.push(claimed.map((n) => n.incidentId));
      return outcome ? Promise.reject(outcome) : Promise.resolve();
    },
    deliver: (_slack: SupervisorsSlack, batch: NoticeBatch) => {
      batches.push(batch);
      return outcome ? Promise.reject(outcome) : Promise.resolve();
    },
    recordLeftovers: () => Promise.resolve(),
    record: (write: () => Promise<void>) => write(),
  };
  return { sender: new NoticeSender(notices as unknown as NoticeRepository, delivery as unknown as NoticeDelivery, slack, () => 0.5), notices, batches, digests };
}

describe('NoticeSender', () => {
  it('leaves every notice pending while the supervisors’ Slack is off', async () => {
    const { sender, notices } = senderWith(null, null);
    expect(await sender.tick()).toBe(false);
    expect(notices.claims).toBe(0);
  });

  it('sends a subject once for all its pending notices, announcing a breach among them', async () => {
    const { sender, notices, batches } = senderWith(null);
    expect(await sender.tick()).toBe(true);
    expect(batches).toEqual([{ head: HEAD, slaBreach: '11' }]);
    expect(notices.sentSeqs).toEqual([['10', '11']]);
  });

  it('posts the due digest notices as one digest and marks them all sent', async () => {
    const { sender, notices, digests } = senderWith(null);
    notices.pending = [];
    notices.digestPending = [
      { seq: '20', incidentId: 'i-20', attempts: 1 },
      { seq: '21', incidentId: 'i-21', attempts: 1 },
    ];
    expect(await sender.tick()).toBe(true);
    expect(digests).toEqual([['i-20', 'i-21']]);
    expect(notices.sentSeqs).toEqual([['20', '21']]);
  });

  it('retries every notice of a digest that failed, as it would one notice', async () => {
    const { sender, notices } = senderWith(new TemporarySendError('socket hang up'));
    notices.pending = [];
    notices.digestPending = [
      { seq: '20', incidentId: 'i-20', attempts: 1 },
      { seq: '21', incidentId: 'i-21', attempts: 1 },
    ];
    await sender.tick();
    expect(notices.retries).toEqual([
      { seq: '20', delayMs: 1000, counts: true },
      { seq: '21', delayMs: 1000, counts: true },
    ]);
    expect(notices.sentSeqs).toEqual([]);
  });

  it('waits out a 429 for all notices without counting it as an attempt', async () => {
    const { sender, notices } = senderWith(new RateLimitedError(3, 'ratelimited'));
    await sender.tick();
    expect(notices.retries).toEqual([{ seq: '10', delayMs: 3000, counts: false }]);
    notices.pending = [HEAD];
    expect(await sender.tick()).toBe(false);
    expect(notices.claims).toBe(1);
  });

  it('backs off on a temporary failure and gives up on a refusal', async () => {
    const temporary = senderWith(new TemporarySendError('socket hang up'));
    await temporary.sender.tick();
    expect(temporary.notices.retries).toEqual([{ seq: '10', delayMs: 2000, counts: true }]);
    expect(temporary.notices.sentSeqs).toEqual([]);

    const refused = senderWith(new RejectedMessageError('invalid_blocks'));
    await refused.sender.tick();
    expect(refused.notices.failures).toEqual(['10']);
  });
});
