import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ImportBench, IMPORT_HEADER, type ImportResult } from '../../support/contact-import';

jest.setTimeout(300_000);

// The live heap, after a full collection: what the import holds, not the garbage it left for later.
setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;
const liveHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

/**
 * A CRM's day of contacts in one file, streamed: run by `npm run test:heavy` on PostgreSQL
 * (40-70 s there; the embedded database takes three minutes over it).
 */
describe('a contact CSV import of 100,000 lines (PostgreSQL)', () => {
  let bench: ImportBench;

  beforeAll(async () => {
    bench = await ImportBench.start();
  });
  afterAll(() => bench.close());

  it('imports 100,000 lines with flat memory, counting every decision and reporting the bad lines', async () => {
    const policy = await bench.call('/api/v1/survey-policies', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Bulk',
        serviceTypes: ['bulk'],
        integralMetric: 'nps',
        poolId: ((await (await bench.call('/api/v1/question-pools')).json()) as { id: string; name: string }[]).find((p) => p.name === 'Post-contact')!.id,
        reasonQuestion: 'reason',
        samplingRate: 0.002,
        quietHours: null,
      }),
    });
    expect(policy.status).toBe(201);
    const at = bench.clock.now().toISOString();
    const total = 100_000;
    // Every 83rd line is bad (1,204 of them, more than the 1,000 listed); every 10th is on a channel that is off;
    // 30,000 lines come again from a customer seen before; every 5,000th repeats the previous external id.
    const isBad = (i: number) => i % 83 === 41;
    const lineOf = (i: number) => {
      const id = i % 5_000 === 4_999 ? `bulk-${i - 1}` : `bulk-${i}`;
      const channel = i % 10 === 3 ? 'slack' : 'telegram';
      const address = `5${String(i % 70_000).padStart(7, '0')}`;
      if (isBad(i)) return i % 2 ? `${id},${channel},${address},,,,,,bulk,,yesterday` : `${id},${channel},,,,,,,bulk,,${at}`;
      return `${id},${channel},${address},,en,,,agent-${i % 40},bulk,point-${i % 7},${at}`;
    };
    function* lines() {
      yield `${IMPORT_HEADER}\n`;
      for (let i = 0; i < total; i += 500) yield Array.from({ length: Math.min(500, total - i) }, (_, k) => `${lineOf(i + k)}\n`).join('');
    }
    const bad = Array.from({ length: total }, (_, i) => i).filter(isBad);
    // A repeat of a bad line is no repeat: its external id is new.
    const isRepeat = (i: number) => i % 5_000 === 4_999 && !isBad(i) && !isBad(i - 1);
    const repeats = Array.from({ length: total }, (_, i) => i).filter(isRepeat);

    const before = liveHeap();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, liveHeap())), 1_000);
    const res = await bench.importCsv(Readable.toWeb(Readable.from(lines())) as ReadableStream);
    const result = (await res.json()) as ImportResult;
    clearInterval(sampler);

    expect(res.status).toBe(200);
    expect(result.rejectedCount).toBe(bad.length);
    expect(result.rejected).toHaveLength(1_000);
    expect(result.rejected.slice(0, 2)).toEqual([
      { line: 43, reason: 'occurredAt: must be an ISO 8601 date-time with a time zone, e.g. 2026-11-22T14:05:00+02:00' },
      { line: 126, reason: 'address: is required with channel' },
    ]);
    expect(result.rejected.map((r) => r.line)).toEqual(bad.slice(0, 1_000).map((i) => i + 2));
    expect(result.accepted).toBe(total - bad.length);
    const { invited, scheduled, skipped } = result.decisions;
    expect(invited + scheduled + skipped).toBe(result.accepted);

    const stored = `SELECT * FROM contact WHERE external_id LIKE 'bulk-%'`;
    expect(await bench.count(stored)).toBe(result.accepted - repeats.length);
    expect(await bench.count(`${stored} AND decision = 'invited'`)).toBe(invited);
    const offChannel = Array.from({ length: total }, (_, i) => i).filter((i) => i % 10 === 3 && !isBad(i) && !isRepeat(i));
    expect(await bench.count(`${stored} AND reason = 'no_channel'`)).toBe(offChannel.length);
    // A sampling rate of 0.002 over about 90,000 contacts: some, not many.
    expect(invited).toBeGreaterThan(100);
    expect(invited).toBeLessThan(300);
    expect(scheduled).toBe(0);
    expect(await bench.count(`${stored} AND decision = 'invited' AND conversation_id IS NOT NULL AND point_of_service IS NOT NULL`)).toBe(invited);
    const customers = new Set(Array.from({ length: total }, (_, i) => i).filter((i) => i % 10 !== 3 && !isBad(i) && !isRepeat(i)).map((i) => i % 70_000));
    expect(await bench.count(`SELECT DISTINCT customer_id FROM customer_identity WHERE address LIKE '5%' AND length(address) = 8`)).toBe(customers.size);
    // The stream holds a batch at a time (about 8 MB measured); the file's 100,000 checked lines held at once
    // would take 33 MB (measured) and its text 20 MB more, so a bound of 30 MB tells the two apart.
    expect(peak).toBeGreaterThan(before);
    expect(peak - before).toBeLessThan(30 * 1024 * 1024);
  });
});
