import { WEBHOOK_SEED, webhookFuzzSuite } from '../support/fuzz-suites';

// A third of a 5,100-case seeded run over every webhook; the rest is in webhooks-fuzz-1.test.ts and webhooks-fuzz-2.test.ts.
// This third runs with TurboSMS as the SMS provider, so its report route is fuzzed instead of Twilio's.
jest.setTimeout(240_000);

webhookFuzzSuite({ section: 'webhookFuzz3', seed: WEBHOOK_SEED, firstCase: 3400, cases: Number(process.env.FUZZ_CASES ?? 1_700), smsProvider: 'turbosms' });
