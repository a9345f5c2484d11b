import { RecordBacklog } from './record-backlog';

describe('RecordBacklog', () => {
  it('keeps a write the database refused and writes it, in order, once the database is back', async () => {
    const backlog = new RecordBacklog();
    const written: string[] = [];
    let up = false;
    const write = (what: string) => (): Promise<void> => {
      if (!up) return Promise.reject(new Error('Connection terminated unexpectedly'));
      written.push(what);
      return Promise.resolve();
    };
    await expect(backlog.record(write('first'))).rejects.toThrow('Connection terminated');
    await expect(backlog.record(write('second'))).rejects.toThrow('Connection terminated');
    await expect(backlog.flush()).rejects.toThrow('Connection terminated');
    up = true;
    await backlog.flush();
    await backlog.flush();
    expect(written).toEqual(['first', 'second']);
    await backlog.record(write('third'));
    expect(written).toEqual(['first', 'second', 'third']);
  });
});
