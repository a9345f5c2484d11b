import { readFileSync } from 'node:fs';
import { projectPath } from '@turbota/common';
import { parseIncidentsConfig } from './incidents-config';

const DEFAULTS = JSON.parse(readFileSync(projectPath('config/incidents.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const withChange = (path: string[], value: unknown) => {
  const copy = structuredClone(DEFAULTS) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
};

describe('parseIncidentsConfig', () => {
  it('accepts the shipped config/incidents.json', () => {
    const config = parseIncidentsConfig(DEFAULTS);
    expect(config.sla.high).toEqual({ acknowledgeMinutes: 30, resolveMinutes: 480 });
    expect(config.problems).toEqual({ minIncidents: 3, minCustomers: 2, windowDays: 7, dimensions: ['point_of_service', 'agent', 'service_type'] });
  });

  it('names the file and the field at fault', () => {
    expect(() => parseIncidentsConfig(withChange(['sla', 'high', 'acknowledgeMinutes'], 0))).toThrow(
      'config/incidents.json is not valid: sla.high.acknowledgeMinutes: must be at least 1',
    );
    expect(() => parseIncidentsConfig(withChange(['sla', 'low', 'resolveMinutes'], 10))).toThrow(
      'sla.low.resolveMinutes: resolveMinutes must not be shorter than acknowledgeMinutes',
    );
    expect(() => parseIncidentsConfig(withChange(['priority', 'default'], 'urgent'))).toThrow('priority.default: must be one of high, normal, low');
    expect(() => parseIncidentsConfig(withChange(['problems', 'dimensions'], ['agent', 'shop']))).toThrow(
      'problems.dimensions.1: must be one of point_of_service, agent, service_type',
    );
    expect(() => parseIncidentsConfig(withChange(['problems', 'extra'], 1))).toThrow('problems: unknown field(s): extra');
  });

  it('refuses a rule that cannot match sensibly', () => {
    expect(() => parseIncidentsConfig(withChange(['priority', 'rules'], [{ priority: 'high', scoreTo: 3 }]))).toThrow(
      'priority.rules.0.metric: a score range needs the metric it is on',
    );
    expect(() => parseIncidentsConfig(withChange(['priority', 'rules'], [{ priority: 'high' }]))).toThrow('a rule needs a metric or reasons to match');
    expect(() => parseIncidentsConfig(withChange(['priority', 'rules'], [{ priority: 'low', metric: 'nps', scoreFrom: 8, scoreTo: 7 }]))).toThrow(
      'priority.rules.0.scoreTo: scoreFrom must not exceed scoreTo',
    );
  });
});
