import type { DataSource } from 'typeorm';
import { MetricsService } from '@turbota/observability';
import { CustomerPoints } from './customer-points';

describe('CustomerPoints', () => {
  const registered = new Set(['kyiv-central']);
  let lookups: string[];
  let metrics: MetricsService;
  let points: CustomerPoints;
  const counted = async (channel: string) => (await metrics.unknownPointCodes.get()).values.find((v) => v.labels.channel === channel)?.value ?? 0;

  beforeEach(() => {
    lookups = [];
    // `execute` runs on the manager's query runner and reads the structured result's records.
    const queryRunner = {
      query: (_sql: string, [code]: [string]) => {
        lookups.push(code);
        return Promise.resolve({ records: registered.has(code) ? [{ one: 1 }] : [] });
      },
    };
    const dataSource = { manager: { queryRunner } } as unknown as DataSource;
    metrics = new MetricsService();
    points = new CustomerPoints(dataSource, metrics);
  });

  it('keeps a registered code, and asks for it again only after a while', async () => {
    expect(await points.accept('web', 'kyiv-central')).toBe('kyiv-central');
    expect(await points.accept('telegram', 'kyiv-central')).toBe('kyiv-central');
    expect(lookups).toEqual(['kyiv-central']);
    expect(await counted('web')).toBe(0);
  });

  it('drops an unknown code, free text and a "given, not a code" verdict, counting each by channel, and never asks about text', async () => {
    expect(await points.accept('web', 'branch-7')).toBeNull();
    expect(await points.accept('web', 'Branch 7 manager Ivan steals money')).toBeNull();
    expect(await points.accept('viber', null)).toBeNull();
    expect(lookups).toEqual(['branch-7']);
    expect(await counted('web')).toBe(2);
    expect(await counted('viber')).toBe(1);
    expect(await metrics.render()).not.toContain('Ivan');
  });

  it('does not remember an unknown code: a point registered a moment later is accepted at once', async () => {
    expect(await points.accept('web', 'new-desk')).toBeNull();
    registered.add('new-desk');
    expect(await points.accept('web', 'new-desk')).toBe('new-desk');
  });

  it('counts nothing when no point was given', async () => {
    expect(await points.accept('web', undefined)).toBeNull();
    expect(lookups).toEqual([]);
    expect(await counted('web')).toBe(0);
  });
});
