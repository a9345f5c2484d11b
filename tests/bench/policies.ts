import { startTurbota } from './processes';
import { BENCH_ADMIN_KEY } from './scenario';

/**
 * Sets every survey policy of a bench database to draw no extra questions (maxQuestions 0),
 * through the REST API of a short-lived apps/api process. Drawn questions used to bump a shared
 * counter row inside the dialogue's transaction, which serialised concurrent new conversations
 * (docs/benchmarks/lab-notes.md, gap 1; now an append-only draw log): the sender and memory scenarios still
 * step around drawing, so that their figures compare with the earlier runs, and ingest shows
 * what drawing costs.
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
