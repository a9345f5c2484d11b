import { WEBHOOK_SEED, webhookFuzzSuite } from '../support/fuzz-suites';

// A third of a 5,100-case seeded run over every webhook; the rest is in webhooks-fuzz-1.test.ts and webhooks-fuzz-3.test.ts.
jest.setTimeout(240_000);

webhookFuzzSuite({ section: 'webhookFuzz2', seed: WEBHOOK_SEED, firstCase: 1700, cases: Number(process.env.FUZZ_CASES ?? 1_700) });
