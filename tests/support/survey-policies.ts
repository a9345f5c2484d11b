import { apiCall } from './test-app';

/** A policy as the API takes it; what a test leaves out is the seeded pool's NPS survey, asked at any hour, with no cool-down. */
export type PolicyInput = { name: string; serviceTypes: string[] } & Record<string, unknown>;

/**
 * Creates a survey policy over the seeded "Post-contact" pool (as `key`, the admin's by
 * default) and answers its id: the one way tests set up who is asked what.
 */
export async function createPolicy(baseUrl: string, policy: PolicyInput, key?: string): Promise<string> {
  const pools = (await (await apiCall(baseUrl, '/api/v1/question-pools', { key })).json()) as { id: string; name: string }[];
  const poolId = pools.find((p) => p.name === 'Post-contact')!.id;
  const body = { integralMetric: 'nps', poolId, reasonQuestion: 'reason', quietHours: null, cooldownDays: 0, ...policy };
  const res = await apiCall(baseUrl, '/api/v1/survey-policies', { method: 'POST', body, key });
  if (res.status !== 201) throw new Error(`The policy was refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
