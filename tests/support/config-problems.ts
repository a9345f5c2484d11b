import { ConfigError, loadConfig } from '@turbota/config';

/** The problems `loadConfig` names for an environment it must refuse; fails when it accepts it. */
export function configProblemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
