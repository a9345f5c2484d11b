// Three tiers: unit specs beside the code, integration tests against a real database,
// e2e tests against the built application over HTTP.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

// NestJS 12 and a few of its dependencies ship as ESM only; Jest on Node 20 needs them compiled.
const esmPackages = ['@nestjs', 'file-type', 'uid', 'load-esm', 'pg-boss', 'serialize-error', 'non-error', 'rrule-temporal', 'openid-client', 'oauth4webapi', 'jose', 'oidc-provider'];

const shared = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@turbota/([^/]+)$': '<rootDir>/libs/$1/src',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};

const integrationSetup = {
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/tests/support/slow-tests.ts'],
};

// The reliability suite (faults, hostile input, API security, personal data) runs with
// TURBOTA_RELIABILITY=1 (`npm run test:reliability`); its heavy parts (crashes, outages, long
// loads) only with TURBOTA_HEAVY_TESTS=1 (`npm run test:heavy`, on PostgreSQL): mostly waiting on outages and leases, four at a time.
const reliability = process.env.TURBOTA_RELIABILITY
  ? [{ ...shared, ...integrationSetup, displayName: 'reliability', testMatch: ['<rootDir>/tests/reliability/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/reliability/heavy/'] }]
  : [];
const heavy = process.env.TURBOTA_HEAVY_TESTS
  ? [{ ...shared, ...integrationSetup, displayName: 'reliability-heavy', testMatch: ['<rootDir>/tests/reliability/heavy/**/*.test.ts'] }]
  : [];

// standalone.e2e.ts starts `npm start` on its own embedded database whatever TEST_DATABASE_URL
// says: a PostgreSQL pass would only repeat it.
const embeddedOnly = process.env.TEST_DATABASE_URL ? ['<rootDir>/tests/e2e/standalone.e2e.ts'] : [];

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      ...integrationSetup,
    },
    ...reliability,
    ...heavy,
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...embeddedOnly],
      setupFilesAfterEnv: ['<rootDir>/tests/support/slow-tests.ts'],
    },
  ],
};
