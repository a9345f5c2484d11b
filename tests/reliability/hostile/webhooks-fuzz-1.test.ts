import { WEBHOOK_SEED, webhookFuzzSuite } from '../support/fuzz-suites';

// A third of a 5,100-case seeded run over every webhook; the rest is in webhooks-fuzz-2.test.ts and webhooks-fuzz-3.test.ts.
jest.setTimeout(240_000);

webhookFuzzSuite({ section: 'webhookFuzz1', seed: WEBHOOK_SEED, firstCase: 0, cases: Number(process.env.FUZZ_CASES ?? 1_700) });
