import { FeedReader } from './feed-reader';
import type { FeedRow } from './live-change';

const incident = (seq: number, id: string, version = seq): FeedRow => ({ table: 'incident', seq, id, status: 'new', version });
const problem = (seq: number, id: string): FeedRow => ({ table: 'problem', seq, id, status: 'open', version: 1 });

describe('FeedReader', () => {
  it('sends one event per incident or problem, the latest, with ids that resume without a loss', () => {
    const reader = new FeedReader({ incident: 10, problem: 3 });
    const events = reader.read([problem(4, 'p1'), incident(11, 'a'), incident(12, 'b'), incident(13, 'a', 3)], { incident: 13, problem: 4 });
    expect(events).toEqual([
      { id: '12.3', change: { type: 'incident.changed', id: 'b', status: 'new', version: 12 } },
      { id: '13.3', change: { type: 'incident.changed', id: 'a', status: 'new', version: 3 } },
      { id: '13.4', change: { type: 'problem.changed', id: 'p1', status: 'open', version: 1 } },
    ]);
    expect(reader.at).toEqual({ incident: 13, problem: 4 });
  });

  it('never gives an id past a row the feed is still waiting for, nor one that goes back', () => {
    const reader = new FeedReader({ incident: 10, problem: 0 });
    // Row 11 has not committed yet: the feed's settled mark stays at 10.
    expect(reader.read([incident(12, 'b')], { incident: 10, problem: 0 }).map((e) => e.id)).toEqual(['10.0']);
    expect(reader.read([incident(11, 'a')], { incident: 12, problem: 0 }).map((e) => e.id)).toEqual(['11.0']);
    expect(reader.read([incident(13, 'c')], { incident: 13, problem: 0 }).map((e) => e.id)).toEqual(['13.0']);
  });

  it('skips what a resumed stream already had, and what its replay gave when the live feed brings it again', () => {
    const reader = new FeedReader({ incident: 20, problem: 0 });
    expect(reader.read([incident(19, 'old')], { incident: 18, problem: 0 })).toEqual([]);
    const replayed = reader.read([incident(21, 'a'), incident(23, 'c'), incident(21, 'a')], { incident: 19, problem: 0 }, { replay: true });
    expect(replayed.map((e) => e.change)).toEqual([
      { type: 'incident.changed', id: 'a', status: 'new', version: 21 },
      { type: 'incident.changed', id: 'c', status: 'new', version: 23 },
    ]);
    expect(replayed.map((e) => e.id)).toEqual(['20.0', '20.0']);
    const live = reader.read([incident(21, 'a'), incident(22, 'b'), incident(23, 'c')], { incident: 23, problem: 0 });
    expect(live.map((e) => [e.id, e.change.type === 'incident.changed' && e.change.id])).toEqual([['22.0', 'b']]);
    expect(reader.at).toEqual({ incident: 23, problem: 0 });
  });
});
