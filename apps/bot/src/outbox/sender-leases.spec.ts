import { Logger } from '@nestjs/common';
import { HANDOVER_MS, LEASE_CHECK_MS, LEASE_MARGIN_MS, type LeaseStore, SENDER_LEASE_MS, SenderLeases, SoleLease } from './sender-leases';

/** The lease table's rules, on the test's clock. */
class MemoryLeaseStore implements LeaseStore {
  readonly rows = new Map<string, { holder: string; until: number }>();
  down = false;

  constructor(private readonly now: () => number) {}

  hold(holder: string, channels: string[], leaseMs: number): Promise<string[]> {
    if (this.down) return Promise.reject(new Error('Connection terminated unexpectedly'));
    const now = this.now();
    const got = channels.filter((channel) => {
      const row = this.rows.get(channel);
      return !row || row.until < now || row.holder === holder;
    });
    for (const channel of got) this.rows.set(channel, { holder, until: now + leaseMs });
    return Promise.resolve(got);
  }

  release(holder: string, channels: string[], freeInMs: number): Promise<void> {
    for (const channel of channels) {
      const row = this.rows.get(channel);
      if (row?.holder === holder) row.until = Math.min(row.until, this.now() + freeInMs);
    }
    return Promise.resolve();
  }
}

describe('SenderLeases', () => {
  let now = 0;
  const clock = () => now;
  const logger = new Logger('test');
  jest.spyOn(logger, 'log').mockImplementation(() => undefined);
  const channels = ['telegram', 'viber'];
  let store: MemoryLeaseStore;
  let first: SenderLeases;
  let second: SenderLeases;

  beforeEach(() => {
    now = 0;
    store = new MemoryLeaseStore(clock);
    first = new SenderLeases(store, logger, { now: clock });
    second = new SenderLeases(store, logger, { now: clock });
  });
  /** Both processes look, as their rounds do, every 50 ms until `until`; answers who held what at each look. */
  const run = async (until: number) => {
    const looks: { at: number; first: string[]; second: string[] }[] = [];
    for (; now < until; now += 50) looks.push({ at: now, first: [...(await first.held(channels))], second: [...(await second.held(channels))] });
    return looks;
  };

  it('lets one process send for a channel while the other waits, however long both run', async () => {
    const looks = await run(60_000);
    expect(looks.every((l) => l.first.length === 2 && l.second.length === 0)).toBe(true);
  });

  /** Only the second process looks from now on, every 50 ms; answers when it first held both channels. */
  const secondTakesOver = async (until: number) => {
    for (; now < until; now += 50) if ((await second.held(channels)).size === 2) return now;
    return Infinity;
  };

  it('hands a released channel over after the handover second, not before', async () => {
    await run(5_000);
    await first.release(); // at shutdown, after which it looks no more
    const released = now;
    const takenAt = await secondTakesOver(released + 5_000);
    expect(takenAt - released).toBeGreaterThanOrEqual(HANDOVER_MS);
    expect(takenAt - released).toBeLessThanOrEqual(HANDOVER_MS + LEASE_CHECK_MS + 50);
  });

  it('lets another process take over once a crashed holder\'s lease has run out', async () => {
    await run(3_000);
    const crashedAt = now - 50; // its last look: it renewed then at the latest
    const takenAt = await secondTakesOver(crashedAt + 15_000);
    expect(takenAt).toBeGreaterThan(crashedAt + SENDER_LEASE_MS - LEASE_CHECK_MS);
    expect(takenAt).toBeLessThanOrEqual(crashedAt + SENDER_LEASE_MS + LEASE_CHECK_MS + 50);
  });

  it('stops claiming before its lease may end when it cannot renew it', async () => {
    await run(3_000);
    const lastRenewal = [...store.rows.values()][0].until - SENDER_LEASE_MS;
    store.down = true;
    const stillHeld: number[] = [];
    for (; now < 20_000; now += 50) {
      const held = await first.held(channels).catch(() => null);
      if (held?.size) stillHeld.push(now);
    }
    expect(stillHeld.length).toBeGreaterThan(0);
    // Its last claim comes before the margin: its sends are counted before anyone else may take the channel.
    expect(Math.max(...stillHeld)).toBeLessThan(lastRenewal + SENDER_LEASE_MS - LEASE_MARGIN_MS);
  });
});

describe('SoleLease', () => {
  const logger = new Logger('test');
  jest.spyOn(logger, 'log').mockImplementation(() => undefined);
  const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);

  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  /** A holder of the task's lease and what each check told it. */
  const holder = (store: LeaseStore) => {
    const told: boolean[] = [];
    const lease = new SoleLease(store, 'telegram:getUpdates', logger, { doing: 'polls', onCheck: (held) => told.push(held) });
    return { lease, told };
  };
  const tick = () => jest.advanceTimersByTimeAsync(LEASE_CHECK_MS);

  it('lets one process hold the task, keeps it through a short outage, and hands it over on release', async () => {
    const store = new MemoryLeaseStore(() => Date.now());
    const first = holder(store);
    const second = holder(store);
    first.lease.start();
    await tick();
    second.lease.start();
    await tick();
    expect([first.told.at(-1), second.told.at(-1)]).toEqual([true, false]);

    // The store away: the lease last taken counts until its margin, said once.
    store.down = true;
    warn.mockClear();
    await tick();
    expect(first.told.at(-1)).toBe(true);
    for (let ms = 0; ms < SENDER_LEASE_MS; ms += LEASE_CHECK_MS) await tick();
    expect(first.told.at(-1)).toBe(false);
    // Said once an outage by each of the two processes, not once a check.
    expect(warn.mock.calls.filter(([message]) => String(message).startsWith('The lease telegram:getUpdates could not be renewed'))).toHaveLength(2);

    store.down = false;
    await tick();
    await first.lease.stop();
    const checks = first.told.length;
    await first.lease.release();
    await jest.advanceTimersByTimeAsync(HANDOVER_MS + 2 * LEASE_CHECK_MS);
    expect(first.told).toHaveLength(checks);
    expect(second.told.at(-1)).toBe(true);
    await second.lease.stop();
  });
});
