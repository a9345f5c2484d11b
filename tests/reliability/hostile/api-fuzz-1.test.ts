import { API_SEED, apiFuzzSuite } from '../support/fuzz-suites';

// Half of a 5,000-case seeded run over every REST route; the other half is api-fuzz-2.test.ts.
jest.setTimeout(240_000);

apiFuzzSuite({ section: 'apiFuzz1', seed: API_SEED, firstCase: 0, cases: Number(process.env.FUZZ_CASES ?? 2_500) });
