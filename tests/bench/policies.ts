import { startTurbota } from './processes';
import { BENCH_ADMIN_KEY } from './scenario';

/**
 * Sets every survey policy of a bench database to draw no extra questions (maxQuestions 0),
 * through the REST API of a short-lived apps/api process. Every drawn question bumps a shared
 * counter row (question_draw_count) inside the dialogue's transaction, which serialises
 * concurrent new conversations and deadlocks them (see BENCHMARKS.md); scenarios that measure
 * something else (the sender, memory) use this to step around it, and ingest shows both.
 */
export async function withoutDrawnQuestions(env: Record<string, string>): Promise<void> {
  const api = await startTurbota('api', env);
  try {
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${BENCH_ADMIN_KEY}` };
    const policies = (await (await fetch(`${api.url}/api/v1/survey-policies`, { headers })).json()) as { id: string }[];
    for (const policy of policies) {
      const res = await fetch(`${api.url}/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', headers, body: JSON.stringify({ maxQuestions: 0 }) });
      if (res.status !== 200) throw new Error(`Setting maxQuestions 0 on policy ${policy.id} answered ${res.status}: ${await res.text()}`);
    }
  } finally {
    await api.stop();
  }
}
