import { readFileSync } from 'node:fs';
import { projectPath } from '@turbota/common';
import { priorityOf } from './incident-priority';
import { parseIncidentsConfig } from './incidents-config';

const { priority: DEFAULTS } = parseIncidentsConfig(JSON.parse(readFileSync(projectPath('config/incidents.json'), 'utf8')));
const complaint = (metric: string | null, score: number | null, reasonCode: string | null = null) => ({ metric, score, reasonCode });

describe('priorityOf with the default config/incidents.json', () => {
  it('NPS 0-3 is high, 4-6 normal, 7-10 low', () => {
    const byScore = Array.from({ length: 11 }, (_, score) => priorityOf(complaint('nps', score), DEFAULTS));
    expect(byScore).toEqual(['high', 'high', 'high', 'high', 'normal', 'normal', 'normal', 'low', 'low', 'low', 'low']);
  });

  it('an impolite agent or an unsolved issue is high whatever the score', () => {
    expect(priorityOf(complaint('nps', 6, 'impolite'), DEFAULTS)).toBe('high');
    expect(priorityOf(complaint('nps', 9, 'unsolved'), DEFAULTS)).toBe('high');
    expect(priorityOf(complaint(null, null, 'impolite'), DEFAULTS)).toBe('high');
    expect(priorityOf(complaint('nps', 5, 'waiting'), DEFAULTS)).toBe('normal');
  });

  it('CES 1-2 and CSAT 1 are high; a complaint without a score takes the default', () => {
    expect(priorityOf(complaint('ces', 2), DEFAULTS)).toBe('high');
    expect(priorityOf(complaint('ces', 3), DEFAULTS)).toBe('normal');
    expect(priorityOf(complaint('csat', 1), DEFAULTS)).toBe('high');
    expect(priorityOf(complaint('csat', 2), DEFAULTS)).toBe('normal');
    expect(priorityOf(complaint(null, null), DEFAULTS)).toBe('normal');
  });
});

describe('priorityOf', () => {
  it('the most urgent matching rule wins, whatever the order of the rules', () => {
    const policy = {
      default: 'normal' as const,
      rules: [
        { priority: 'low' as const, metric: 'nps', scoreFrom: 0, scoreTo: 10 },
        { priority: 'high' as const, reasons: ['fraud'] },
      ],
    };
    expect(priorityOf(complaint('nps', 8, 'fraud'), policy)).toBe('high');
    expect(priorityOf(complaint('nps', 8, 'other'), policy)).toBe('low');
    expect(priorityOf(complaint('csat', 2, 'other'), policy)).toBe('normal');
  });

  it('a score range never matches a complaint without a score', () => {
    const policy = { default: 'low' as const, rules: [{ priority: 'high' as const, metric: 'nps', scoreTo: 3 }] };
    expect(priorityOf(complaint('nps', null), policy)).toBe('low');
    expect(priorityOf(complaint('nps', 0), policy)).toBe('high');
  });
});
